import type { ParsedMail } from '../../mail/parse';

// The MessageId column is single-line text, 255 characters at most. A longer Message-ID (legal,
// never seen from a real mail client) is not stored: mail out then has no In-Reply-To, and
// replies to it still thread by the `[#id]` in its subject.
const MAX_STORED = 255;

/** The mail's Message-ID as its ticket or comment stores it (with brackets), if it fits. */
export function storedMessageId(mail: Pick<ParsedMail, 'messageId'>): string | undefined {
  const id = mail.messageId?.trim();
  return id && id.length <= MAX_STORED ? id : undefined;
}
