/**
 * Text as the lists' columns take it, each rule stated once: cutting to a column's limit (the
 * limits are the schema's), one line for a title, the title of a mail without a subject, and the
 * MailKey that must fit whole. The mail side (mail/ticketFields.ts) builds titles with the same
 * functions the writes use, so the two can never disagree.
 */
import { PermanentError } from '../errors';
import { MAX_TEXT } from './schema';

/** What a ticket or comment is called when its mail had no subject. */
export const NO_SUBJECT = '(no subject)';

const HIGH_SURROGATE = /[\uD800-\uDBFF]/;
const LOW_SURROGATE = /[\uDC00-\uDFFF]/;

/**
 * At most `max` UTF-16 code units (SharePoint counts .NET chars), never splitting a surrogate
 * pair: an emoji cut in half would be stored as a replacement character.
 */
export function cutText(text: string, max: number): string {
  if (text.length <= max) return text;
  const splitsPair =
    HIGH_SURROGATE.test(text.charAt(max - 1)) && LOW_SURROGATE.test(text.charAt(max));
  return text.slice(0, splitsPair ? max - 1 : max);
}

// C0 and C1 controls (CR/LF of folded headers, tabs, bells) and runs of white space: a title is
// one line, so each run becomes one space.
const CONTROLS_AND_SPACES = /[\p{Cc}\s]+/gu;

/** The text as one line: controls and white space runs made one space, trimmed. */
export function singleLine(text: string): string {
  return text.replace(CONTROLS_AND_SPACES, ' ').trim();
}

/** A Title as the column holds it: never empty, at most 255 characters. */
export function titleText(title: string): string {
  return cutText(title.trim() || NO_SUBJECT, MAX_TEXT);
}

/** A Message-ID longer than the column is not stored: cut, it would name no mail at all. */
export function messageIdField(messageId: string | undefined): { MessageId?: string } {
  return messageId && messageId.length <= MAX_TEXT ? { MessageId: messageId } : {};
}

/** The MailKey is the idempotency key: cutting it would merge different mails, so refuse. */
export function checkMailKey(mailKey: string): void {
  if (!mailKey || mailKey.length > MAX_TEXT) {
    throw new PermanentError('invalid-mail-key', 'mail key is empty or longer than 255');
  }
}
