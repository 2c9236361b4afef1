/**
 * The visible first fragment of a plain-text reply: the text above the quoted history and the
 * signature. A reply becomes a comment on its ticket; the history is already there, and the full
 * original is kept as a file, so a wrong cut loses nothing. Forwarded messages are not cut: what
 * a customer forwards is the request. Pure; line ends come back as "\n".
 */
import {
  ATTRIBUTION,
  HAS_ADDRESS,
  HAS_DATE_OR_TIME,
  ORIGINAL_MESSAGE,
  SENT_FROM,
  SEPARATOR,
  SIGNATURE,
  headerKey,
} from './replyPatterns';

// An attribution may wrap over up to three lines ("On <date> <name> <\naddress> wrote:").
const MAX_ATTRIBUTION_LINES = 3;
// A quoted header block: "From" and another key within this many lines.
const HEADER_BLOCK_LINES = 6;
// Longer than any real attribution ("On <date>, <long name> <address> wrote:", localized).
const MAX_ATTRIBUTION_LENGTH = 400;
// A "Sent from my ..." line is short; longer lines are a person's sentence.
const MAX_SENT_FROM_LENGTH = 80;

/** An attribution line ("On <date>, <name> wrote:" or a verb-less "<date>, <name> <address>:"). */
export function isAttributionText(text: string): boolean {
  const t = text.trim();
  // Attributions are one short line; the patterns below backtrack on long ones.
  if (!t || t.startsWith('>') || t.length > MAX_ATTRIBUTION_LENGTH) return false;
  if (ATTRIBUTION.test(t)) return HAS_ADDRESS.test(t) || HAS_DATE_OR_TIME.test(t);
  // No verb: "<date>, <name> <address>:" (Apple Mail, Yandex, localized Gmail).
  return /[:：]$/.test(t) && HAS_ADDRESS.test(t) && HAS_DATE_OR_TIME.test(t);
}

/** Lines an attribution starting at i spans (0: none). */
function attributionAt(lines: string[], i: number): number {
  for (let n = 1; n <= MAX_ATTRIBUTION_LINES && i + n <= lines.length; n++) {
    if (n > 1 && (/[.!?]\s*$/.test(lines[i] ?? '') || !lines[i + n - 1]?.trim())) return 0;
    if (!isAttributionText(lines.slice(i, i + n).join(' '))) continue;
    // A wrapped match whose tail matches alone starts further down, unless the date is up here.
    const tail = lines.slice(i + 1, i + n).join(' ');
    const dateAbove = /\d/.test(lines[i] ?? '') && !HAS_DATE_OR_TIME.test(tail);
    if (n > 1 && isAttributionText(tail) && !dateAbove) return 0;
    return n;
  }
  return 0;
}

function headerBlockAt(lines: string[], i: number): boolean {
  const first = headerKey(lines[i] ?? '');
  if (!first) return false;
  const keys = new Set([first]);
  for (let k = i + 1; k < Math.min(lines.length, i + HEADER_BLOCK_LINES); k++) {
    const key = headerKey(lines[k] ?? '');
    if (key) keys.add(key);
  }
  return keys.has('from') && keys.size >= 2;
}

/** Where the reply's own text ends: the first quote, attribution, header block or signature. */
export function cutIndex(lines: string[]): number {
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (/^\s*>/.test(line)) return i;
    if (SIGNATURE.test(line) || ORIGINAL_MESSAGE.test(line)) return i;
    if (SENT_FROM.test(line) && line.trim().length <= MAX_SENT_FROM_LENGTH) return i;
    if (SEPARATOR.test(line) && (headerBlockAt(lines, i + 1) || headerBlockAt(lines, i + 2))) {
      return i;
    }
    if (headerBlockAt(lines, i) || attributionAt(lines, i) > 0) return i;
  }
  return lines.length;
}

function trimFragment(lines: string[]): string {
  const out = [...lines];
  while (out.length && (!out.at(-1)?.trim() || SEPARATOR.test(out.at(-1) ?? ''))) out.pop();
  return out.join('\n').replace(/^\s*\n/, '');
}

/**
 * The visible first fragment. When the reply starts with the quote (bottom-posting), the
 * fragment is the unquoted text after it instead, still without attribution and signature.
 */
export function cutReply(text: string): string {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const cut = cutIndex(lines);
  const first = trimFragment(lines.slice(0, cut));
  if (first.trim() || cut >= lines.length) return first;
  const rest = lines.slice(cut);
  const own = rest.filter((line, i) => !/^\s*>/.test(line) && attributionAt(rest, i) === 0);
  return trimFragment(own.slice(0, cutIndex(own)));
}
