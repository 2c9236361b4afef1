/**
 * The visible first fragment of a plain-text reply: the text above the quoted history and the
 * signature. A reply becomes a comment on its ticket; the history is already there, and the full
 * original is kept as a file, so a wrong cut loses nothing. Forwarded messages are not cut: what
 * a customer forwards is the request. A cut never leaves nothing where the mail had text: then
 * the text stays uncut. Pure; line ends come back as "\n".
 */
import { attributionAt, attributionInside, isAttributionText } from './replyAttribution';
import {
  FORWARDED,
  ORIGINAL_MESSAGE,
  SENT_FROM,
  SEPARATOR,
  SIGNATURE,
  headerKey,
} from './replyPatterns';

export { isAttributionText };

// A quoted header block: its first key and the others within this many lines.
const HEADER_BLOCK_LINES = 6;
// A "Sent from my ..." line is short; longer lines are a person's sentence.
const MAX_SENT_FROM_LENGTH = 80;
const QUOTED = /^\s*>/;

/** Where the reply's own text ends: a line, and a column in it when the history starts mid-line. */
export interface CutPoint {
  line: number;
  column: number;
}

function headerBlockAt(lines: string[], i: number): boolean {
  const first = headerKey(lines[i] ?? '');
  if (!first) return false;
  const keys = new Set([first]);
  for (let k = i + 1; k < Math.min(lines.length, i + HEADER_BLOCK_LINES); k++) {
    const key = headerKey(lines[k] ?? '');
    if (key) keys.add(key);
  }
  if (keys.has('from')) return keys.size >= 2;
  // Hotmail and Outlook.com may start with the date and leave the From line out; a date and a
  // subject alone may be the reply's own meeting notes.
  return first === 'date' && /\d/.test(lines[i] ?? '') && keys.has('to');
}

/**
 * The end of a run of quote-like lines starting at i that are the writer's own text: every line
 * of it starts ">>>" and goes on with text (a Python prompt, an arrow), which quoted history
 * never does without a shallower level around it. i itself when the run is a quote.
 */
function ownArrowsEnd(lines: string[], i: number): number {
  let j = i;
  for (; j < lines.length && QUOTED.test(lines[j] ?? ''); j++) {
    if (!/^\s*>>>(?!>)\s*\S/.test(lines[j] ?? '')) return i;
  }
  return j;
}

/** Where the reply's own text ends: the first quote, attribution, header block or signature. */
export function cutPoint(lines: string[]): CutPoint {
  const at = (line: number): CutPoint => ({ line, column: 0 });
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (QUOTED.test(line)) {
      const end = ownArrowsEnd(lines, i);
      if (end === i) return at(i);
      i = end - 1;
      continue;
    }
    if (FORWARDED.test(line)) return at(lines.length);
    if (SIGNATURE.test(line) || ORIGINAL_MESSAGE.test(line)) return at(i);
    if (SENT_FROM.test(line) && line.trim().length <= MAX_SENT_FROM_LENGTH) return at(i);
    if (SEPARATOR.test(line) && (headerBlockAt(lines, i + 1) || headerBlockAt(lines, i + 2))) {
      return at(i);
    }
    const column = attributionInside(lines, i);
    if (column > 0) return { line: i, column };
    if (headerBlockAt(lines, i) || attributionAt(lines, i) > 0) return at(i);
  }
  return at(lines.length);
}

function trimFragment(lines: string[]): string {
  const out = [...lines];
  while (out.length && (!out.at(-1)?.trim() || SEPARATOR.test(out.at(-1) ?? ''))) out.pop();
  return out.join('\n').replace(/^\s*\n/, '');
}

/** The lines before a cut point, the part of its line before the column included. */
export function linesBefore(lines: string[], cut: CutPoint): string[] {
  const kept = lines.slice(0, cut.line);
  if (cut.column > 0) kept.push((lines[cut.line] ?? '').slice(0, cut.column).trimEnd());
  return kept;
}

/**
 * The visible first fragment. When the reply starts with the quote (bottom-posting), the
 * fragment is the unquoted text after it instead, still without attribution and signature.
 */
export function cutReply(text: string): string {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const cut = cutPoint(lines);
  const first = trimFragment(linesBefore(lines, cut));
  if (first.trim()) return first;
  const rest = lines.slice(cut.line);
  const own = rest.filter((line, i) => !QUOTED.test(line) && attributionAt(rest, i) === 0);
  const below = trimFragment(linesBefore(own, cutPoint(own)));
  // Nothing of the writer's own found: the uncut text rather than an empty comment.
  return below.trim()
    ? below
    : lines
        .join('\n')
        .replace(/^\s*\n/, '')
        .trimEnd();
}
