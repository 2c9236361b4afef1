/**
 * What a Mail Log item says of a mail (sharepoint/mailLog.ts MailLogRecord), read from the staged
 * bytes' header section only: the mail may have stopped before or after the parse stage, and the
 * item needs no more than the Message-ID, From and Subject. The key and the fingerprint are the
 * pipeline's own (mail/mailKey.ts: the key from the Message-ID, else the bytes; the fingerprint
 * from the author's fields and the body), so a redelivery finds the same item, and a recovered
 * mail finds the ticket it made (pipeline/recovered.ts).
 */
import { MAX_HEADER_BYTES } from '../mail/envelope';
import { headerFields } from '../mail/headerFields';
import { rootHeaderEnd } from '../mail/headerGuard';
import { mailFingerprint, mailKey } from '../mail/mailKey';
import { readHeaderSection } from '../mail/parseInput';
import type { MailLogRecord } from '../sharepoint/mailLog';
import type { MailMessage } from '../storage/staging';

/** The header section with its closing blank line; at most MAX_HEADER_BYTES of it. */
function headerSection(raw: Buffer): Buffer {
  const head = raw.subarray(0, MAX_HEADER_BYTES);
  const found = rootHeaderEnd(head.toString('latin1'));
  if (found) return head.subarray(0, found.body);
  return Buffer.concat([head, Buffer.from('\r\n\r\n')]);
}

/** The mail's key and fingerprint, as the parse and dedupe stages make them. */
export interface MailIdentity {
  mailKey: string;
  fingerprint: string;
}

async function readHead(raw: Buffer) {
  const section = await readHeaderSection(headerSection(raw));
  const fields = section ? headerFields(section) : undefined;
  const identity: MailIdentity = {
    mailKey: mailKey(fields?.messageId, raw),
    fingerprint: mailFingerprint({ headers: section?.lines ?? new Map() }, raw),
  };
  return { fields, identity };
}

export async function mailIdentity(raw: Buffer): Promise<MailIdentity> {
  return (await readHead(raw)).identity;
}

export async function mailLogEntry(
  message: Pick<MailMessage, 'receivedAt'>,
  raw: Buffer,
  outcome: string,
  reason: string,
): Promise<MailLogRecord> {
  const { fields, identity } = await readHead(raw);
  return {
    ...identity,
    received: message.receivedAt,
    outcome,
    reason,
    ...(fields?.from?.address ? { sender: fields.from.address } : {}),
    subject: fields?.subject ?? '',
  };
}
