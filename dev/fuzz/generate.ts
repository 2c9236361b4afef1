/**
 * Generated structures for the fuzzer, with fast-check: header fields (addresses, encoded words,
 * comments), MIME trees (nested multiparts, every transfer encoding, names in RFC 2231 form),
 * HTML in the shapes the reply cutters and the sanitiser look for, and file names.
 */
import fc from 'fast-check';

const CRLF = '\r\n';

/** UTF-8 bytes outside letters and digits as `<mark>XX` (RFC 2047 Q, RFC 2231 %); lone surrogates too. */
const escape8 = (s: string, mark: string): string =>
  [...Buffer.from(s)]
    .map((b) =>
      /[A-Za-z0-9]/.test(String.fromCharCode(b))
        ? String.fromCharCode(b)
        : `${mark}${b.toString(16).toUpperCase().padStart(2, '0')}`,
    )
    .join('');
const ODD = ['\u202E', '\u3164', '\u200B', 'ı', 'İ', 'ß', '\uFEFF', '\uD83D\uDE00', '\uD800', '\0'];
const text = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc
    .array(fc.constantFrom(...ODD, '(', ')', '<', '>', '"', '\\', ':', ';', ',', '@', ' ', 'a'))
    .map((a) => a.join('')),
);
const token = fc.stringMatching(/^[a-z0-9.-]{1,12}$/);
const address = fc.oneof(
  fc.tuple(token, token).map(([l, d]) => `${l}@${d}`),
  fc.tuple(text, token, token).map(([n, l, d]) => `"${n}" <${l}@${d}>`),
  fc.tuple(text, token, token).map(([n, l, d]) => `${l}@${d} (${n})`),
  fc.tuple(token, token, token).map(([g, l, d]) => `${g}: ${l}@${d};`),
  fc.constant('undisclosed-recipients:;'),
  text,
);
const encodedWord = fc
  .tuple(fc.constantFrom('utf-8', 'iso-8859-1', 'shift_jis', 'x-unknown'), fc.boolean(), text)
  .map(([cs, b, t]) =>
    b ? `=?${cs}?B?${Buffer.from(t).toString('base64')}?=` : `=?${cs}?Q?${escape8(t, '=')}?=`,
  );
const value = fc.oneof(
  text,
  encodedWord,
  fc.array(address, { maxLength: 6 }).map((a) => a.join(', ')),
);
const headerName = fc.oneof(
  fc.constantFrom(
    ...['From', 'To', 'Cc', 'Reply-To', 'Sender', 'Subject', 'Message-ID', 'In-Reply-To'],
    ...['References', 'Auto-Submitted', 'X-Auto-Response-Suppress', 'Delivered-To', 'X-Loop'],
    ...['Precedence', 'Return-Path', 'X-Failed-Recipients', 'Thread-Topic', 'Received'],
  ),
  token,
);
const field = fc
  .tuple(headerName, value, fc.boolean())
  .map(([n, v, fold]) => `${n}: ${fold ? v.replace(/ /g, `${CRLF} `) : v}`);

const TAGS = ['p', 'div', 'span', 'hr', 'blockquote', 'br', 'a', 'img', 'table', 'td', 'b'];
const HOSTILE_TAGS = ['script', 'style', 'svg', 'math', 'base', 'form', 'meta', 'iframe', 'font'];
const attr = fc.oneof(
  fc.constantFrom(
    'id="divRplyFwdMsg"',
    'id="appendonsend"',
    'class="gmail_quote"',
    'class="moz-cite-prefix"',
    'type="cite"',
    'style="border-top:solid #E1E1E1 1.0pt"',
    'style="color:expression(alert(1))"',
    'style="background:url(http://x/y)"',
    'src="cid:image001.png@01D"',
    'src="https://tracker.example/p.gif"',
    'src="data:image/png;base64,iVBORw0KGgo="',
    'href="jav&#x09;ascript:alert(1)"',
    'srcset="http://x/a 1x"',
    'OnLoAd="alert(1)"',
  ),
  fc.tuple(token, text).map(([n, v]) => `${n}="${v.replace(/"/g, '&quot;')}"`),
);
type Html = string;
const { html } = fc.letrec<{ html: Html; node: Html }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    text.map((t) => t.replace(/</g, '&lt;')),
    fc.constantFrom(
      'On Mon, 1 Jan 2024, A <a@b.c> wrote:',
      '-----Original Message-----',
      '<!--',
      '<hr>',
    ),
    fc
      .tuple(
        fc.constantFrom(...TAGS, ...HOSTILE_TAGS),
        fc.array(attr, { maxLength: 3 }),
        tie('html'),
        fc.boolean(),
      )
      .map(([t, a, inner, close]) => `<${[t, ...a].join(' ')}>${inner}${close ? `</${t}>` : ''}`),
  ),
  html: fc.array(tie('node'), { maxLength: 6 }).map((n) => n.join('')),
}));
export const htmlArb = html;

export const plainTextArb = fc
  .array(
    fc.oneof(text, fc.constantFrom('> quoted', '>', 'On Mon, A wrote:', '-- ', '________________')),
    {
      maxLength: 30,
    },
  )
  .map((lines) => lines.join(CRLF));

export const fileNameArb = fc.oneof(
  text,
  fc
    .tuple(
      fc.constantFrom('', '~$', '.', ' ', 'CON', '_vti_', '..\\', '/'),
      text,
      fc.constantFrom('', '.pdf', '.', ' .', '.tar.gz', '.\u202Egpj'),
    )
    .map(([a, b, c]) => `${a}${b}${c}`),
  fc.tuple(text, fc.integer({ min: 100, max: 400 })).map(([t, n]) => t.padEnd(n, 'ı.')),
);

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
