/**
 * The HTML counterpart of cutReply: removes the quoted history that mail clients mark in their
 * HTML, then applies every rule of the plain-text cutter to the HTML's visible lines. Elements
 * removed whole: <blockquote> (Apple Mail's type=cite and Thunderbird's included), Gmail's
 * .gmail_quote (with its attribution), Thunderbird's .moz-cite-prefix, Yahoo's .yahoo_quoted,
 * Proton's .protonmail_quote, Zoho's .zmail_extra, Tutanota's .tutanota_quote, and the signature
 * blocks .gmail_signature / .moz-signature. Cut to the end: Outlook's #divRplyFwdMsg (the quoted
 * message follows it as siblings), new Outlook's #mail-editor-reference-message-container,
 * .OutlookMessageHeader, and Outlook desktop's border-top block starting with "From:", each with
 * the <hr> before it. An attribution line ("On ... wrote:") right before a removed quote goes
 * too. A quote that starts with a forwarded message's first line stays: it is content. Then the
 * text rules (replyHtmlText.ts) cut older Outlook, Hotmail, Windows Mail, AOL and localized
 * header blocks, attributions without a quote, signatures. DOM-free: a tag scanner with an
 * element stack; what stays open at a cut is closed, so the result is balanced. Pure.
 */
import {
  attr,
  attributionBefore,
  forwardedAt,
  hasText,
  hrBefore,
  isOutlookHeader,
} from './replyHtmlMarks';
import { type Open, OpenElements, eachTag } from './replyHtmlTags';
import { cutHtmlText } from './replyHtmlText';

const REMOVE_CLASS =
  /\b(gmail_quote|gmail_quote_container|moz-cite-prefix|yahoo_quoted|protonmail_quote|zmail_extra|tutanota_quote|gmail_signature|moz-signature)\b/i;
const CUT_ID = /^(?:x_)?(divRplyFwdMsg|mail-editor-reference-message-container)$/i;
const CUT_CLASS = /\bOutlookMessageHeader\b/i;
// Outlook desktop draws the quoted header as a block with a top border, starting "From:".
const BORDER_TOP = /border-top\s*:\s*solid/i;
// Each bordered block reads 1,200 characters ahead (replyHtmlMarks.ts). A real reply has a few
// before its quoted header; past this many, a body of them is hostile and stays uncut there.
const MAX_HEADER_LOOKS = 200;
const MAX_FORWARD_LOOKS = 20;

/** The HTML without the quotes its markup marks; undefined when it nests too deep. */
function cutMarked(html: string): string | undefined {
  const ranges: Array<[number, number]> = [];
  const open = new OpenElements();
  let headerLooks = 0;
  let removing: Open | undefined;
  let cutAt: number | undefined;
  let closing = '';
  let deep = false;
  // Only the first quote can follow the reply's attribution (and one left open at the end), and
  // only the first few are looked at for a forwarded message: a body of quotes stays linear.
  const remove = (quote: Open, end: number, first = !ranges.length): void => {
    const start = first ? attributionBefore(html, quote.start) : quote.start;
    const forward = ranges.length < MAX_FORWARD_LOOKS && forwardedAt(html, quote.start);
    if (!forward) ranges.push([start, end]);
  };
  eachTag(html, (tag) => {
    if (tag.closing) {
      const closed = open.close(tag.name);
      if (closed && closed === removing) {
        remove(removing, tag.end);
        removing = undefined;
      }
      return true;
    }
    if (tag.empty) return true;
    const element = { name: tag.name, start: tag.index };
    deep = !open.push(element);
    if (deep) return false;
    if (removing) return true;
    const cut =
      CUT_ID.test(attr(tag.attrs, 'id')) ||
      CUT_CLASS.test(attr(tag.attrs, 'class')) ||
      (tag.name === 'div' &&
        BORDER_TOP.test(attr(tag.attrs, 'style')) &&
        ++headerLooks <= MAX_HEADER_LOOKS &&
        isOutlookHeader(html, tag.end));
    if (cut) {
      cutAt = hrBefore(html, tag.index);
      closing = open.closingTags(1);
      return false;
    }
    if (tag.name === 'blockquote' || REMOVE_CLASS.test(attr(tag.attrs, 'class'))) {
      removing = element;
    }
    return true;
  });
  if (deep) return undefined;
  if (removing) remove(removing, html.length, true);
  let out = '';
  let pos = 0;
  const end = cutAt ?? html.length;
  for (const [from, to] of ranges) {
    if (from >= end) break;
    out += html.slice(pos, Math.max(pos, from));
    pos = Math.max(pos, to);
  }
  return out + html.slice(pos, Math.max(pos, end)) + (cutAt === undefined ? '' : closing);
}

export function cutReplyHtml(html: string): string {
  const marked = cutMarked(html);
  if (marked === undefined) return html;
  // Each cut is kept only while text is left: else the one before it, else the HTML whole.
  const out = cutHtmlText(marked);
  if (hasText(out)) return out;
  return hasText(marked) ? marked : html;
}
