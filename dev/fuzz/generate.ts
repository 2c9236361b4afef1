/**
 * Generated structures for the fuzzer, with fast-check: header fields (addresses, encoded words,
 * comments), HTML in the shapes the reply cutters and the sanitiser look for, and file names.
 * Whole mails of them are in mime.ts.
 */
import fc from 'fast-check';

export const CRLF = '\r\n';

/** UTF-8 bytes outside letters and digits as `<mark>XX` (RFC 2047 Q, RFC 2231 %); lone surrogates too. */
export const escape8 = (s: string, mark: string): string =>
  [...Buffer.from(s)]
    .map((b) =>
      /[A-Za-z0-9]/.test(String.fromCharCode(b))
        ? String.fromCharCode(b)
        : `${mark}${b.toString(16).toUpperCase().padStart(2, '0')}`,
    )
    .join('');
const ODD = ['\u202E', '\u3164', '\u200B', 'ı', 'İ', 'ß', '\uFEFF', '\uD83D\uDE00', '\uD800', '\0'];
export const text = fc.oneof(
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
export const field = fc
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
