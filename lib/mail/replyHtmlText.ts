/**
 * The plain-text cutter's rules applied to reply HTML: the HTML's visible lines (block elements
 * and <br> end a line) go through cutPoint (reply.ts), and the HTML is cut where the chosen
 * line's text starts, after the last line of the reply's own text, with what is open there
 * closed. Catches what markup does not mark: Outlook 2003/2010 header blocks, Hotmail's
 * date-first block, Windows Mail's and other localized blocks, AOL's "-----Original
 * Message-----", an attribution with no quote after it, "Sent from my ...". Pure; linear.
 */
import { type CutPoint, cutPoint, linesBefore } from './reply';
import { decodeText, rawOffset } from './replyHtmlEntities';
import { closedAt, eachTag } from './replyHtmlTags';
import { SEPARATOR } from './replyPatterns';

const BREAK = new Set(
  (
    'address article aside blockquote br dd div dl dt figure footer h1 h2 h3 h4 h5 h6 header ' +
    'hr li ol p pre section table tbody tfoot thead tr ul'
  ).split(' '),
);
// How much of the HTML the text rules read (see htmlLines): far more than a reply's own text.
const MAX_LINES = 20_000;
const MAX_TEXT = 64_000;
const MAX_TAGS = 200_000;
// Content without text that still is the reply's: an inline screenshot is not a blank line.
const MEDIA = new Set(['img', 'video', 'audio', 'object', 'embed', 'svg', 'iframe']);
// "<!DOCTYPE html>", "<![if !supportLists]>", "<?xml ...?>": no tags to the scanner, no text.
const DECLARATION = /<[!?][^<>]*>/g;
const blank = (s: string): string => ' '.repeat(s.length);

interface Run {
  column: number;
  from: number;
  to: number;
}

interface Line {
  text: string;
  /** Where in the HTML the line starts: right after the tag that ended the line before. */
  start: number;
  runs: Run[];
  media: boolean;
}

/**
 * The visible lines of `html`, up to the first MAX_LINES, MAX_TEXT characters or MAX_TAGS tags:
 * a reply's own text comes first, a comment shows no more than that, and the cut stays cheap
 * on any body.
 */
export function htmlLines(html: string): Line[] {
  const lines: Line[] = [];
  let line: Line = { text: '', start: 0, runs: [], media: false };
  let size = 0;
  const end = (next: number): boolean => {
    lines.push(line);
    size += line.text.length;
    line = { text: '', start: next, runs: [], media: false };
    return lines.length < MAX_LINES && size < MAX_TEXT;
  };
  const run = (from: number, to: number): void => {
    if (from >= to) return;
    line.runs.push({ column: line.text.length, from, to });
    const raw = html.slice(from, to);
    // Blanked, not removed: a column of the text stays one of the HTML (rawOffset).
    line.text += decodeText(raw.includes('<') ? raw.replace(DECLARATION, blank) : raw);
  };
  let pre = 0; // inside <pre>, line ends are the text's own
  const text = (from: number, to: number): boolean => {
    for (let nl = pre ? html.indexOf('\n', from) : -1; nl >= 0 && nl < to;) {
      run(from, nl);
      if (!end(nl + 1)) return false;
      from = nl + 1;
      nl = html.indexOf('\n', from);
    }
    run(from, to);
    return true;
  };
  let pos = 0;
  let more = true;
  let tags = 0;
  eachTag(html, (tag) => {
    more = text(pos, tag.index) && ++tags < MAX_TAGS;
    pos = tag.end;
    if (!more) return false;
    if (tag.name === 'pre') pre = Math.max(0, pre + (tag.closing ? -1 : 1));
    if (BREAK.has(tag.name)) more = end(tag.end);
    else if (MEDIA.has(tag.name)) line.media = true;
    else if ((tag.name === 'td' || tag.name === 'th') && !tag.closing) line.text += ' ';
    return more;
  });
  if (more && text(pos, html.length)) end(html.length);
  return lines;
}

/** Where column `column` of a line is in the HTML. */
function offsetIn(html: string, line: Line, column: number): number {
  let run: Run | undefined;
  for (const r of line.runs) if (r.column <= column) run = r;
  if (!run) return line.start;
  return run.from + rawOffset(html.slice(run.from, run.to), column - run.column);
}

/** Where the history starts: after the last line of the reply's own text, or mid-line. */
function cutOffset(html: string, lines: Line[], cut: CutPoint): number {
  const line = lines[cut.line] as Line;
  if (cut.column > 0) return offsetIn(html, line, cut.column);
  // Back over the blank and separator lines (<hr>, "____") above the history.
  let j = cut.line;
  for (let above = lines[j - 1]; above && !above.media; above = lines[--j - 1]) {
    if (above.text.trim() && !SEPARATOR.test(above.text)) break;
  }
  return (lines[j] as Line).start;
}

/** The HTML cut where cutPoint cuts its visible lines; the HTML itself when nothing is cut. */
export function cutHtmlText(html: string): string {
  const lines = htmlLines(html);
  const texts = lines.map((l) => l.text);
  const cut = cutPoint(texts);
  if (cut.line >= lines.length) return html;
  // Bottom-posting is not guessed in HTML: its clients mark their quotes.
  const own = linesBefore(texts, cut).join('').trim();
  if (!own && !lines.slice(0, cut.line).some((l) => l.media)) return html;
  return closedAt(html, cutOffset(html, lines, cut)) ?? html;
}
