/**
 * What a Mail Log item says of a mail (sharepoint/mailLog.ts MailLogEntry), read from the staged
 * bytes' header section only: the mail may have stopped before or after the parse stage, and the
 * item needs no more than the Message-ID, From and Subject. The key is the parse stage's own
 * (mail/mailKey.ts: the Message-ID's, else the bytes'), so a redelivery finds the same item.
 */
import { MAX_HEADER_BYTES } from '../mail/envelope';
import { headerFields } from '../mail/headerFields';
import { mailKey } from '../mail/mailKey';
import { readHeaderSection } from '../mail/parseInput';
import type { MailLogEntry } from '../sharepoint/mailLog';
import type { MailMessage } from '../storage/staging';

const BLANK_LINE = /\r?\n\r?\n/;

/** The header section with its closing blank line; at most MAX_HEADER_BYTES of it. */
function headerSection(raw: Buffer): Buffer {
  const head = raw.subarray(0, MAX_HEADER_BYTES);
  const match = BLANK_LINE.exec(head.toString('latin1'));
  if (match) return head.subarray(0, match.index + match[0].length);
  return Buffer.concat([head, Buffer.from('\r\n\r\n')]);
}

export async function mailLogEntry(
  message: Pick<MailMessage, 'receivedAt'>,
  raw: Buffer,
  outcome: string,
  reason: string,
): Promise<MailLogEntry> {
  const section = await readHeaderSection(headerSection(raw));
  const fields = section ? headerFields(section) : undefined;
  return {
    mailKey: mailKey(fields?.messageId, raw),
    received: message.receivedAt,
    outcome,
    reason,
    ...(fields?.from?.address ? { sender: fields.from.address } : {}),
    subject: fields?.subject ?? '',
  };
}
