/**
 * Where quoted history starts in reply HTML, for replyHtml.ts: the attribution line before a
 * quote, Outlook's separator before its header, whether a block starts with a quoted header.
 * Each looks at a bounded window around one position, in one pass. Pure.
 */
import { isAttributionText } from './reply';
import { decodeText } from './replyHtmlEntities';
import { FORWARDED, headerKey } from './replyPatterns';

// How far ahead the "From:" of a border-top block is looked for (Word's markup is verbose).
const HEADER_LOOKAHEAD = 1200;
// A forwarded message's first line opens its quote after a few wrapping tags.
const FORWARD_LOOKAHEAD = 400;
// Outlook's separator, `<div id="appendonsend"></div>` and its `<hr style=... tabindex="-1">`,
// is about 120 characters; the window leaves room for white space and longer styles.
const SEPARATOR_LOOKBEHIND = 1024;
const NO_TEXT = /<[^<>]*>|&nbsp;|&#160;|\s+/iy;
// An attribution is one short line; 800 characters hold it with the markup around it.
const ATTRIBUTION_LOOKBEHIND = 800;
// Tags an attribution does not span, and the breaks that may follow it.
const BLOCK_TAG = /<\/?(?:div|p|blockquote|br)\b[^<>]*>?/gi;
const BREAK_TAG = /^<(?:br\s*\/?|\/(?:div|p))>$/i;

// Compiled once: a reply has one per tag to read, and hostile ones have hundreds of thousands.
const ATTRS = Object.fromEntries(
  ['id', 'class', 'style'].map((name) => [
    name,
    new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i'),
  ]),
) as Record<'id' | 'class' | 'style', RegExp>;

export function attr(attrs: string, name: keyof typeof ATTRS): string {
  const m = ATTRS[name].exec(attrs);
  return m?.[1] ?? m?.[2] ?? m?.[3] ?? '';
}

function textOf(html: string): string {
  return decodeText(html.replace(/<[^<>]*>/g, ' '))
    .replace(/\s+/g, ' ')
    .trim();
}

export function isOutlookHeader(html: string, from: number): boolean {
  return headerKey(textOf(html.slice(from, from + HEADER_LOOKAHEAD))) === 'from';
}

/** Whether the element starting at `at` starts with a forwarded message's first line. */
export function forwardedAt(html: string, at: number): boolean {
  return FORWARDED.test(textOf(html.slice(at, at + FORWARD_LOOKAHEAD)));
}

/** Start of the trailing white space, <br>, </div> and </p> of `s`. */
function trailingBreaks(s: string): number {
  let end = s.length;
  for (;;) {
    end = s.slice(0, end).trimEnd().length;
    const lt = s.lastIndexOf('<', end - 1);
    if (lt < 0 || !BREAK_TAG.test(s.slice(lt, end))) return end;
    end = lt;
  }
}

/**
 * Start of an "On ... wrote:" block right before `at`, if there is one: the text after the last
 * element boundary (or from its opening <div>/<p>), before trailing breaks. Scanned once; a
 * pattern anchored at the end but tried from every position cost 1.7 s on 800 spaces.
 */
export function attributionBefore(html: string, at: number): number {
  const from = Math.max(0, at - ATTRIBUTION_LOOKBEHIND);
  const before = html.slice(from, at);
  const end = trailingBreaks(before);
  // A window that starts inside a tag is read from after it, and a cut takes the whole tag:
  // one from inside it left the rest of the tag behind as a stray '<'.
  const gt = from > 0 ? before.indexOf('>') : -1;
  const inTag = gt >= 0 && !before.slice(0, gt).includes('<');
  let start = inTag ? gt + 1 : 0;
  BLOCK_TAG.lastIndex = 0;
  for (let m = BLOCK_TAG.exec(before); m && m.index < end; m = BLOCK_TAG.exec(before)) {
    start = /^<(?:div|p)\b[^<>]*>$/i.test(m[0]) ? m.index : m.index + m[0].length;
  }
  if (!isAttributionText(textOf(before.slice(start)))) return at;
  const lt = inTag && start === gt + 1 ? html.lastIndexOf('<', from) : -1;
  // Only when that '<' opens the tag the window starts in (a raw '>' in text is no tag end).
  return lt >= 0 && html.indexOf('>', lt) === from + gt ? lt : from + start;
}

/**
 * Start of an <hr> (and Outlook's empty #appendonsend) right before `at`, if there is one.
 * Looked for in a window: a pattern anchored at `at` but searched from every earlier position
 * cost time quadratic in the size of one long tag (750 KB: 20 s).
 */
export function hrBefore(html: string, at: number): number {
  const from = Math.max(0, at - SEPARATOR_LOOKBEHIND);
  const before = html.slice(from, at);
  const hr = before.search(/<hr\b[^<>]*>\s*$/i);
  if (hr < 0) return at;
  const div = /<div\b([^<>]*)>\s*<\/div>\s*$/i.exec(before.slice(0, hr));
  return from + (div && /^appendonsend$/i.test(attr(div[1] ?? '', 'id')) ? div.index : hr);
}

/** Whether textOf(html) would be non-empty: anything but tags, no-break spaces and white space. */
export function hasText(html: string): boolean {
  for (let at = 0; at < html.length; at = NO_TEXT.lastIndex) {
    NO_TEXT.lastIndex = at;
    if (!NO_TEXT.exec(html)) return true;
  }
  return false;
}
