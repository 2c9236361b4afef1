/**
 * Generated mails for the fuzzer: a few generated header fields over a MIME tree (nested
 * multiparts, every transfer encoding and a bogus one, names in RFC 2231 form, bodies of text
 * and HTML from generate.ts).
 */
import fc from 'fast-check';

import { CRLF, escape8, field, fileNameArb, htmlArb, plainTextArb, text } from './generate';

interface Leaf {
  type: string;
  encoding: string;
  name: string | undefined;
  body: string;
}
const leaf: fc.Arbitrary<Leaf> = fc.record({
  type: fc.constantFrom(
    ...['text/plain; charset=utf-8', 'text/plain; charset=iso-2022-jp', 'text/html', 'image/png'],
    ...['application/octet-stream', 'message/delivery-status', 'message/rfc822', 'text/calendar'],
  ),
  encoding: fc.constantFrom('7bit', '8bit', 'base64', 'quoted-printable', 'x-uuencode', 'bogus'),
  name: fc.option(fileNameArb, { nil: undefined }),
  body: fc.oneof(text, plainTextArb, htmlArb),
});

function encode(body: string, encoding: string): string {
  if (encoding === 'base64')
    return Buffer.from(body).toString('base64').replace(/.{76}/g, `$&${CRLF}`);
  if (encoding === 'quoted-printable')
    return body.replace(
      /[=\x80-\uffff]/g,
      (c) => `=${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`,
    );
  return body;
}

function renderLeaf(l: Leaf): string {
  const name = l.name === undefined ? '' : `; filename*=utf-8''${escape8(l.name, '%')}`;
  return [
    `Content-Type: ${l.type}`,
    `Content-Transfer-Encoding: ${l.encoding}`,
    `Content-Disposition: attachment${name}`,
    '',
    encode(l.body, l.encoding),
  ].join(CRLF);
}

const { part } = fc.letrec<{ part: string; multi: string }>((tie) => ({
  part: fc.oneof({ depthSize: 'small', maxDepth: 6 }, leaf.map(renderLeaf), tie('multi')),
  multi: fc
    .tuple(
      fc.constantFrom('mixed', 'alternative', 'related', 'report; report-type=delivery-status'),
      fc.stringMatching(/^[a-zA-Z0-9'()+_,./:=?-]{1,20}$/),
      fc.array(tie('part'), { maxLength: 4 }),
      fc.boolean(),
    )
    .map(([sub, b, parts, end]) =>
      [
        `Content-Type: multipart/${sub}; boundary="${b}"`,
        '',
        ...parts.flatMap((p) => [`--${b}`, p]),
        end ? `--${b}--` : '',
      ].join(CRLF),
    ),
}));

/** A whole mail: a few generated header fields over a generated MIME tree. */
export const mailArb = fc
  .tuple(fc.array(field, { maxLength: 12 }), part)
  .map(([fields, body]) =>
    Buffer.from(['From: a@example.com', 'To: support@contoso.com', ...fields, body].join(CRLF)),
  );
