/**
 * The HTML counterpart of cutReply: removes the quoted history that mail clients mark in their
 * HTML. Elements removed whole: <blockquote> (Apple Mail's type=cite and Thunderbird's included),
 * Gmail's .gmail_quote (with its attribution), Thunderbird's .moz-cite-prefix, Yahoo's
 * .yahoo_quoted, and the signature blocks .gmail_signature / .moz-signature. Cut to the end:
 * Outlook's #divRplyFwdMsg (the quoted message follows it as siblings), new Outlook's
 * #mail-editor-reference-message-container, .OutlookMessageHeader, and Outlook desktop's
 * border-top block starting with "From:", each with the <hr> before it. An attribution line
 * ("On ... wrote:") right before a removed quote goes too. DOM-free: a tag scanner with an
 * element stack; what stays open at a cut is closed, so the result is balanced. Pure.
 */
import { attr, attributionBefore, hasText, hrBefore, isOutlookHeader } from './replyHtmlMarks';

// An unquoted attribute stops at '<' too: otherwise each '<x' never closed would scan to the end
// of the HTML, and a body of them would cost time quadratic in its size. The name is read whole
// (the lookahead): else a '<' before a long run of letters, never closed, was tried with every
// split of the run into name and attributes, 100,000 letters in over 10 s.
const TAG = /<!--|<(\/?)([a-zA-Z][\w:-]*)(?![\w:-])((?:[^<>"']|"[^"]*"|'[^']*')*)>/g;
const VOID = new Set(
  'area base br col embed hr img input link meta param source track wbr'.split(' '),
);
const RAW_TEXT = new Set(['script', 'style', 'textarea', 'title']);

const REMOVE_CLASS =
  /\b(gmail_quote|gmail_quote_container|moz-cite-prefix|yahoo_quoted|gmail_signature|moz-signature)\b/i;
const CUT_ID = /^(?:x_)?(divRplyFwdMsg|mail-editor-reference-message-container)$/i;
const CUT_CLASS = /\bOutlookMessageHeader\b/i;
// Outlook desktop draws the quoted header as a block with a top border, starting "From:".
const BORDER_TOP = /border-top\s*:\s*solid/i;
// Each bordered block reads 1,200 characters ahead (replyHtmlMarks.ts). A real reply has a few
// before its quoted header; past this many, a body of them is hostile and stays uncut there.
const MAX_HEADER_LOOKS = 200;
// Real mail nests far less; deeper HTML is hostile and is left uncut rather than scanned at
// a cost that grows with depth on every closing tag.
const MAX_OPEN_ELEMENTS = 1000;

interface Open {
  name: string;
  start: number;
}

export function cutReplyHtml(html: string): string {
  const ranges: Array<[number, number]> = [];
  const stack: Open[] = [];
  // Open elements by name: a closing tag for nothing open costs nothing, not a scan of the stack.
  const openByName = new Map<string, number>();
  let headerLooks = 0;
  let removing: Open | undefined;
  let cutAt: number | undefined;
  let closing = '';
  let lower: string | undefined; // lower-cased once, when a raw-text element needs it
  TAG.lastIndex = 0;
  for (let m = TAG.exec(html); m; m = TAG.exec(html)) {
    const [whole, slash, rawName = '', attrs = ''] = m;
    if (whole === '<!--') {
      // A comment runs to its end, or to the end of the HTML: one search, not one per '<!--'.
      const close = html.indexOf('-->', TAG.lastIndex);
      TAG.lastIndex = close < 0 ? html.length : close + 3;
      continue;
    }
    if (!rawName) continue;
    const name = rawName.toLowerCase();
    if (slash) {
      if (!openByName.get(name)) continue;
      let i = stack.length - 1;
      while (stack[i]?.name !== name) i--;
      // Each element is popped once, so the scan down to it is paid for by its push.
      const popped = stack.splice(i);
      for (const o of popped) openByName.set(o.name, (openByName.get(o.name) ?? 1) - 1);
      const closed = popped[0];
      if (closed === removing && removing) {
        // Only the first quote can follow the reply's attribution.
        const start = ranges.length ? removing.start : attributionBefore(html, removing.start);
        ranges.push([start, m.index + whole.length]);
        removing = undefined;
      }
      continue;
    }
    if (RAW_TEXT.has(name)) {
      lower ??= html.toLowerCase();
      const end = lower.indexOf(`</${name}`, TAG.lastIndex);
      TAG.lastIndex = end < 0 ? html.length : end;
      continue;
    }
    if (VOID.has(name) || whole.endsWith('/>')) continue;
    const open = { name, start: m.index };
    if (stack.push(open) > MAX_OPEN_ELEMENTS) return html;
    openByName.set(name, (openByName.get(name) ?? 0) + 1);
    if (removing) continue;
    const cut =
      CUT_ID.test(attr(attrs, 'id')) ||
      CUT_CLASS.test(attr(attrs, 'class')) ||
      (name === 'div' &&
        BORDER_TOP.test(attr(attrs, 'style')) &&
        ++headerLooks <= MAX_HEADER_LOOKS &&
        isOutlookHeader(html, TAG.lastIndex));
    if (cut) {
      cutAt = hrBefore(html, m.index);
      closing = stack
        .slice(0, -1)
        .reverse()
        .map((o) => `</${o.name}>`)
        .join('');
      break;
    }
    if (name === 'blockquote' || REMOVE_CLASS.test(attr(attrs, 'class'))) removing = open;
  }
  if (removing) ranges.push([attributionBefore(html, removing.start), html.length]);
  let out = '';
  let pos = 0;
  const end = cutAt ?? html.length;
  for (const [from, to] of ranges) {
    if (from >= end) break;
    out += html.slice(pos, Math.max(pos, from));
    pos = Math.max(pos, to);
  }
  out += html.slice(pos, Math.max(pos, end)) + (cutAt === undefined ? '' : closing);
  return hasText(out) ? out : html;
}
