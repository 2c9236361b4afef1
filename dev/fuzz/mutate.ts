/**
 * A byte-level mutator (no small, maintained one exists on npm for Node): the operations are
 * drawn by fast-check, so a case is reproduced from its seed alone. Bit flips, byte inserts,
 * deletes and duplicated ranges, splices of two seeds, and tokens the mail path treats specially.
 */
import fc from 'fast-check';

// A case stays under 1 MiB: larger inputs test the size caps, which the hostile benchmark covers.
export const MAX_CASE_BYTES = 1024 * 1024;

const TOKENS = [
  '\r\n',
  '\r\n\r\n',
  '\n',
  '\r\n ',
  '--',
  '--b\r\n',
  '--b--\r\n',
  'Content-Type: multipart/mixed; boundary="b"\r\n',
  'Content-Type: message/rfc822\r\n\r\n',
  'Content-Transfer-Encoding: base64\r\n',
  'Content-Transfer-Encoding: quoted-printable\r\n',
  "Content-Disposition: attachment; filename*=utf-8''%E2%80%AE.pdf\r\n",
  'charset=iso-2022-jp',
  '=?utf-8?b?',
  '=?utf-8?q?',
  '?=',
  '=\r\n',
  '=ZZ',
  '(',
  ')',
  '<',
  '>',
  '"',
  ':',
  ';',
  ',',
  '@',
  '\\',
  '\0',
  '\xff',
  '<hr>',
  '<blockquote>',
  '</div>',
  '<div id="divRplyFwdMsg">',
  '<div class="gmail_quote">',
  '<!--',
  '<script>',
  '<img src="cid:x">',
  'On Mon, 1 Jan 2024, A <a@b.c> wrote:\r\n',
  '-----Original Message-----\r\n',
  '> ',
  'begin 644 x.txt\r\n',
  '[#12] ',
  'Auto-Submitted: auto-replied\r\n',
  '~$',
];

type Op =
  | { op: 'flip'; at: number; bit: number }
  | { op: 'insert'; at: number; bytes: Uint8Array }
  | { op: 'delete'; at: number; len: number }
  | { op: 'duplicate'; at: number; len: number; times: number }
  | { op: 'splice'; at: number; other: number; from: number; len: number }
  | { op: 'token'; at: number; token: string; times: number };

const at = fc.nat();
const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ op: fc.constant('flip' as const), at, bit: fc.integer({ min: 0, max: 7 }) }),
  fc.record({ op: fc.constant('insert' as const), at, bytes: fc.uint8Array({ maxLength: 16 }) }),
  fc.record({ op: fc.constant('delete' as const), at, len: fc.integer({ min: 1, max: 512 }) }),
  fc.record({
    op: fc.constant('duplicate' as const),
    at,
    len: fc.integer({ min: 1, max: 256 }),
    times: fc.integer({ min: 1, max: 2000 }),
  }),
  fc.record({
    op: fc.constant('splice' as const),
    at,
    other: fc.nat(),
    from: fc.nat(),
    len: fc.integer({ min: 1, max: 4096 }),
  }),
  fc.record({
    op: fc.constant('token' as const),
    at,
    token: fc.constantFrom(...TOKENS),
    times: fc.oneof(fc.constant(1), fc.integer({ min: 1, max: 5000 })),
  }),
);

export const mutationsArb = fc.array(opArb, { minLength: 1, maxLength: 8 });

function apply(b: Buffer, op: Op, others: readonly Buffer[]): Buffer {
  const i = b.length === 0 ? 0 : op.at % (b.length + 1);
  const cat = (...parts: Uint8Array[]): Buffer => Buffer.concat(parts);
  switch (op.op) {
    case 'flip': {
      if (b.length === 0) return b;
      const out = Buffer.from(b);
      const j = i % b.length;
      out[j] = (out[j] ?? 0) ^ (1 << op.bit);
      return out;
    }
    case 'insert':
      return cat(b.subarray(0, i), op.bytes, b.subarray(i));
    case 'delete':
      return cat(b.subarray(0, i), b.subarray(i + op.len));
    case 'duplicate': {
      const range = b.subarray(i, i + op.len);
      const copies = Math.min(op.times, Math.floor(MAX_CASE_BYTES / Math.max(range.length, 1)));
      return cat(b.subarray(0, i), Buffer.alloc(range.length * copies, range), b.subarray(i));
    }
    case 'splice': {
      const o = others[op.other % Math.max(others.length, 1)] ?? Buffer.alloc(0);
      const from = o.length === 0 ? 0 : op.from % o.length;
      return cat(b.subarray(0, i), o.subarray(from, from + op.len), b.subarray(i));
    }
    case 'token':
      return cat(b.subarray(0, i), Buffer.from(op.token.repeat(op.times), 'latin1'), b.subarray(i));
  }
}

/** The seed after the operations, cut to MAX_CASE_BYTES. */
export function mutate(seed: Buffer, ops: readonly Op[], others: readonly Buffer[]): Buffer {
  let b = seed;
  for (const op of ops) {
    b = apply(b, op, others);
    if (b.length > MAX_CASE_BYTES) b = b.subarray(0, MAX_CASE_BYTES);
  }
  return b;
}
