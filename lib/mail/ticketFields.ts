/**
 * The ticket's visible fields from a parsed mail, within SharePoint's column limits (the schema
 * states them; sharepoint/columnText.ts cuts to them): the title one line of at most 255
 * characters, the body sanitised HTML of at most 63,999.
 */
import { cutText, singleLine, titleText } from '../sharepoint/columnText';
import { MAX_RICH_TEXT } from '../sharepoint/schema';
import { type ImageOptions, sanitizeMailHtml, textToHtml } from './html';
import type { ParsedMail } from './parse';
import { cutReply } from './reply';
import { cutReplyHtml } from './replyHtml';

const TRUNCATED_NOTE =
  '<p><em>[Message truncated: the full mail was longer than a ticket can hold.]</em></p>';

// Format characters (Unicode category Cf: bidirectional embeddings, overrides, isolates and marks,
// zero-width space, word joiner, BOM, tag characters) make a title show agents another text than
// the one stored, or hide text in it. ZWNJ and ZWJ (U+200C, U+200D) stay: Persian and Indic words
// and emoji sequences need them, and they cannot reorder text. Hangul fillers and the braille
// blank look like nothing at all. Controls and line breaks are singleLine's.
const INVISIBLE_CHARS = /(?![\u200c\u200d])\p{Cf}|[\u115f\u1160\u3164\uffa0\u2800]/gu;

export function ticketTitle(subject: string): string {
  return titleText(singleLine(subject.replace(INVISIBLE_CHARS, '')));
}

/** What a body is made from; `bodyTruncated` when the parser kept only the beginning. */
type Body = Pick<ParsedMail, 'html' | 'text' | 'bodyTruncated'>;

/** The body as a ticket holds it: the HTML, or its cut with a visible note when it is longer. */
function fitted(html: string, truncated: boolean, images: ImageOptions): string {
  if (!truncated && html.length <= MAX_RICH_TEXT) return html;
  // Cutting HTML can leave a tag half open: sanitise the cut again so it is well-formed.
  let budget = MAX_RICH_TEXT - TRUNCATED_NOTE.length;
  for (;;) {
    const cut = sanitizeMailHtml(cutText(html, budget), images) + TRUNCATED_NOTE;
    if (cut.length <= MAX_RICH_TEXT) return cut;
    budget -= cut.length - MAX_RICH_TEXT;
  }
}

/**
 * A plain-text body from only the part of the text a ticket can hold: escaping never shortens
 * text, so nothing past MAX_RICH_TEXT characters could show. Cutting and converting the whole text
 * cost a 30 MB body of one-character lines gigabytes (15 million lines, each escaped); the
 * rest stays in original.eml. `cut` may keep less (a reply's quoted history).
 */
function textBody(
  text: string,
  cut: (visible: string) => string,
  images: ImageOptions,
  readWhole: boolean,
): string {
  const visible = cutText(text, MAX_RICH_TEXT);
  const kept = cut(visible);
  // Truncated when what was kept runs to where the text was capped, not to a cut before it.
  const capped = visible.length < text.length || !readWhole;
  const truncated = capped && visible.replace(/\r\n?/g, '\n').trimEnd().endsWith(kept.trimEnd());
  return fitted(textToHtml(kept), truncated, images);
}

export function ticketBody(mail: Body, images: ImageOptions = {}): string {
  const truncated = mail.bodyTruncated === true;
  if (mail.html) return fitted(sanitizeMailHtml(mail.html, images), truncated, images);
  return textBody(mail.text ?? '', (visible) => visible, images, !truncated);
}

/**
 * A reply's comment body: the quoted history and signature cut off (the ticket already holds
 * the history), then sanitised and capped like a ticket body.
 */
export function commentBody(mail: Body, images: ImageOptions = {}): string {
  const truncated = mail.bodyTruncated === true;
  if (mail.html) {
    // A reply cut before the end lost only quoted history to the parser's cap.
    const cut = cutReplyHtml(mail.html);
    return fitted(sanitizeMailHtml(cut, images), truncated && cut === mail.html, images);
  }
  return textBody(mail.text ?? '', cutReply, images, !truncated);
}
