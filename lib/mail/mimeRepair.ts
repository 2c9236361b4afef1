/**
 * Repairs a mail's MIME framing before mailparser (and its splitter, mailsplit) read it, for the
 * breakage seen in real mail that mailsplit follows to the letter and so loses parts or shows
 * raw MIME in the body:
 * - a delimiter line with trailing whitespace (RFC 2046 §5.1.1 allows it; mailsplit does not);
 * - an outer boundary closing inner multiparts left unclosed (mailsplit only knows the
 *   innermost two boundaries): their closing delimiters are put in;
 * - `multipart/x boundary=…` without the `;` (the boundary was never seen);
 * - a multipart/digest part without Content-Type, which is message/rfc822 (RFC 2046 §5.1.5);
 * - text whose charset is missing or a wrong Latin default (charsetSniff.ts): relabelled;
 * - a forwarded message shown inline, or an inline text part with a file name: a copy made an
 *   attachment follows it, so the agent has the file (and the .eml) as well as the text.
 * One pass over the lines; a mail that needs none of this is returned as it came, unchanged.
 */
import { type CopyBudget, type Piece, type Span, finishPart, headEdits } from './mimeRepairParts';
import type { MailLimits } from './limits';
import { type Open, delimiterAt } from './mimeDelimiter';
import { type PartHead, readHead } from './mimeHead';

// Nesting tracked; deeper mail is refused by the parse's limits anyway.
const MAX_OPEN = 64;

/** A forwarded message shown inline, still open: the index of its multipart in the stack. */
interface Inline extends Span {
  parent: number;
}

/** mailsplit reads a forwarded mail as part of the body only when it says inline, unencoded. */
const shownInline = (part: PartHead): boolean =>
  part.disposition === 'inline' && ['', '7bit', '8bit', 'binary'].includes(part.encoding);

/**
 * The mail with its framing repaired, or `raw` itself when nothing needed it. A mail over the
 * limits of parts or header size is left as it is: the parse refuses it anyway, and a repair
 * would cost time for every part.
 */
export function repairMime(
  raw: Buffer,
  limits: Pick<MailLimits, 'maxParts' | 'maxHeaderBytes'>,
): Buffer {
  const pieces: Piece[] = [];
  const stack: Open[] = [];
  const inline: Inline[] = [];
  const state: CopyBudget = { bodyText: false, copies: 0, bytes: 0, sniffed: 0 };
  // The boundaries open, for a cheap first look at each line starting with "--".
  let open = new Set<string>();
  const pop = (): void => {
    stack.pop();
    open = new Set(stack.map((o) => o.boundary));
    longest = Math.max(0, ...[...open].map((b) => b.length));
  };
  let longest = 0;
  let parts = 0;
  let headStart = 0;
  let inHead = true;
  // The header section being read is a part's (after a delimiter), not a forwarded mail's.
  let partHead = false;
  let leaf: (Span & { parent: number }) | undefined;

  const closeInline = (level: number, at: number): void => {
    while (inline.length > 0 && (inline.at(-1)?.parent ?? -1) >= level) {
      const msg = inline.pop() as Inline;
      finishPart(raw, msg, at, stack[msg.parent]?.boundary, pieces, state);
    }
  };

  for (let pos = 0; pos < raw.length;) {
    const nl = raw.indexOf(10, pos);
    const end = nl < 0 ? raw.length : nl + 1;
    if (inHead) {
      if (end - pos <= 2 && (raw[pos] === 10 || raw[pos] === 13)) {
        if (++parts > limits.maxParts || pos - headStart > limits.maxHeaderBytes) return raw;
        const head = raw.toString('latin1', headStart, pos);
        const parent = stack.at(-1);
        const part = readHead(head);
        const inDigest = partHead && parent?.digest === true;
        const type = headEdits(head, headStart, part, inDigest, pieces);
        inHead = false;
        leaf = undefined;
        if (part.boundary && type.startsWith('multipart/') && stack.length < MAX_OPEN) {
          stack.push({ boundary: part.boundary, digest: type === 'multipart/digest' });
          open.add(part.boundary);
          longest = Math.max(longest, part.boundary.length);
        } else if (type === 'message/rfc822' && shownInline(part)) {
          // Its body is a mail again: its header section follows.
          inline.push({
            start: headStart,
            bodyStart: end,
            parent: stack.length - 1,
            message: true,
          });
          inHead = true;
          partHead = false;
          headStart = end;
        } else {
          leaf = { start: headStart, bodyStart: end, parent: stack.length - 1, message: false };
        }
      }
      const delimiter = delimiterAt(raw, pos, end, stack, open, longest);
      // A part with a header section and no body (mailsplit allows it): the delimiter ends it.
      if (!delimiter) {
        pos = end;
        continue;
      }
      inHead = false;
      leaf = undefined;
    }
    const delimiter = delimiterAt(raw, pos, end, stack, open, longest);
    if (delimiter) {
      const { level, isClose, line, trimmed } = delimiter;
      if (leaf) finishPart(raw, leaf, pos, stack[leaf.parent]?.boundary, pieces, state);
      leaf = undefined;
      for (let inner = stack.length - 1; inner > level; inner--) {
        closeInline(inner, pos);
        pieces.push({ at: pos, cut: 0, text: `--${stack[inner]?.boundary ?? ''}--\r\n` });
        pop();
      }
      closeInline(level, pos);
      const eol = line.endsWith('\r\n') ? '\r\n' : line.endsWith('\n') ? '\n' : '';
      if (`${trimmed}${eol}` !== line) {
        pieces.push({ at: pos, cut: end - pos, text: `--${trimmed}${eol}` });
      }
      if (isClose) pop();
      else {
        inHead = true;
        partHead = true;
        headStart = end;
      }
    }
    pos = end;
  }
  // A part the mail never closed is still read to its end: its charset still counts.
  if (leaf) finishPart(raw, leaf, raw.length, undefined, pieces, state);
  return applyPieces(raw, pieces);
}

function applyPieces(raw: Buffer, pieces: Piece[]): Buffer {
  if (pieces.length === 0) return raw;
  const out: Buffer[] = [];
  let at = 0;
  for (const p of pieces.sort((a, b) => a.at - b.at)) {
    if (p.at < at) continue; // overlapping rewrites cannot occur; kept safe regardless
    out.push(
      raw.subarray(at, p.at),
      typeof p.text === 'string' ? Buffer.from(p.text, 'latin1') : p.text,
    );
    at = p.at + p.cut;
  }
  out.push(raw.subarray(at));
  return Buffer.concat(out);
}
