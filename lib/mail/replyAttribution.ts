/**
 * Attribution lines ("On <date>, <name> wrote:") for the reply cutters: alone on a line, wrapped
 * over up to three lines, framed in dashes, without their colon right above a quote, or at the
 * end of a line that starts with the reply's own text. Pure; each test reads a bounded window.
 */
import { ATTRIBUTION, HAS_ADDRESS, HAS_DATE_OR_TIME, visible } from './replyPatterns';

// An attribution may wrap over up to three lines ("On <date> <name> <\naddress> wrote:").
const MAX_ATTRIBUTION_LINES = 3;
// Longer than any real attribution ("On <date>, <long name> <address> wrote:", localized).
const MAX_ATTRIBUTION_LENGTH = 400;
// "---- Anna wrote ----", "-----On <date> <name> wrote-----": the frame marks it.
const FRAME_START = /^[-_=*]{2,}\s*/;
const FRAME_END = /\s*[-_=*]{2,}$/;
// Without its colon, an attribution starts with its date ("2014-10-17 11:28 GMT+03:00 Bob
// <bob@example.com>", "Thu, 26 Jun 2014 14:00:51 +0400 Bob <bob@example.com>").
const DATED = /^(?:\d|\p{L}{2,12}\.?,?\s+\d)/u;
// Words an attribution starts with, in the languages of ATTRIBUTION; capitalised, as clients
// write them, so that a sentence's "on" is not taken for one.
const STARTS = '(?:On|Am|Le|El|Il|Em|Op|Den|På|W dniu|Dnia|In data)\\s';
// A quote marker may come first: format=flowed decoders join a line ending in a space with the
// next even where its quote depth changes ("Hello > On <date>, <name> wrote:").
const START = new RegExp(`\\s(?=(?:>+\\s*)?${STARTS})`, 'gu');
const STARTS_LINE = new RegExp(`^\\s*${STARTS}`, 'u');
// A line with reply text before an attribution is tried at this many starts at most.
const MAX_STARTS = 4;

/**
 * An attribution line ("On <date>, <name> wrote:" or a verb-less "<date>, <name> <address>:").
 * `quoteFollows`: whether a quote comes right after it, which makes the colon optional.
 */
export function isAttributionText(text: string, quoteFollows = false): boolean {
  const t = visible(text).trim();
  // Attributions are one short line; the patterns below backtrack on long ones.
  if (!t || t.startsWith('>') || t.length > MAX_ATTRIBUTION_LENGTH) return false;
  const inner = t.replace(FRAME_START, '');
  if (inner !== t && FRAME_END.test(inner)) {
    return ATTRIBUTION.test(inner.replace(FRAME_END, ''));
  }
  if (ATTRIBUTION.test(t)) return HAS_ADDRESS.test(t) || HAS_DATE_OR_TIME.test(t);
  if (!HAS_ADDRESS.test(t) || !HAS_DATE_OR_TIME.test(t)) return false;
  // No verb: "<date>, <name> <address>:" (Apple Mail, Yandex, mail.ru, localized Gmail).
  return /[:：]$/.test(t) || (quoteFollows && DATED.test(t) && /[>\w]$/.test(t));
}

/** Whether the first non-blank line of the next few from i is quoted. */
function quoteAt(lines: string[], i: number): boolean {
  for (let k = i; k < Math.min(lines.length, i + MAX_ATTRIBUTION_LINES); k++) {
    if ((lines[k] ?? '').trim()) return /^\s*>/.test(lines[k] ?? '');
  }
  return false;
}

/** Lines an attribution starting at i spans (0: none). */
export function attributionAt(lines: string[], i: number): number {
  // "On Tue, Jan 28, 2020 at\n10:01 AM Support wrote:": a line starting like one, with a date
  // in it, starts it.
  const starts = STARTS_LINE.test(lines[i] ?? '') && /\d/.test(lines[i] ?? '');
  for (let n = 1; n <= MAX_ATTRIBUTION_LINES && i + n <= lines.length; n++) {
    const sentence = !starts && /[.!?]\s*$/.test(lines[i] ?? '');
    if (n > 1 && (sentence || !lines[i + n - 1]?.trim())) return 0;
    const text = lines.slice(i, i + n).join(' ');
    if (!isAttributionText(text) && !isAttributionText(text, quoteAt(lines, i + n))) continue;
    // A wrapped match whose tail matches alone starts further down, unless the date is up here.
    const tail = lines.slice(i + 1, i + n).join(' ');
    const dateAbove = /\d/.test(lines[i] ?? '') && !HAS_DATE_OR_TIME.test(tail);
    if (n > 1 && isAttributionText(tail) && !dateAbove && !starts) return 0;
    return n;
  }
  return 0;
}

/**
 * The column where an attribution starts after reply text on the same line ("Hello On <date>,
 * <name> wrote:", as clients that join lines leave it), or 0.
 */
export function attributionInside(lines: string[], i: number): number {
  const line = lines[i] ?? '';
  // A line that starts like an attribution is one whole ("On <date> <name> On Call wrote:").
  if (line.length > 2 * MAX_ATTRIBUTION_LENGTH || /^\s*>/.test(line) || STARTS_LINE.test(line)) {
    return 0;
  }
  START.lastIndex = 0;
  let tries = 0;
  for (let m = START.exec(line); m && tries++ < MAX_STARTS; m = START.exec(line)) {
    if (!line.slice(0, m.index).trim()) continue;
    const own = line.slice(m.index + 1).replace(/^>+\s*/, '');
    const rest = [own, ...lines.slice(i + 1, i + MAX_ATTRIBUTION_LINES)];
    if (attributionAt(rest, 0) > 0) return m.index + 1;
  }
  return 0;
}
