/**
 * The idempotency key of a mail: derived from its Message-ID, or from a hash of the raw bytes
 * when there is none, and stored hashed (so the column never holds an address-like value).
 * Two deliveries of the same mail (by the relay or by the queue) get the same key.
 *
 * A Message-ID proves nothing: every recipient of a mail (a Bcc one too) sees it and can send
 * another mail under it. So the item a mail writes also keeps the mail's fingerprint, and a
 * delivery resumes or skips an item only when the fingerprints agree (pipeline/claim.ts).
 */
import { createHash } from 'node:crypto';

import type { ParsedMail } from './types';

const sha256 = (text: string | Buffer): string => createHash('sha256').update(text).digest('hex');

/** The key a mail with this Message-ID was stored under; undefined for an empty id. */
export function messageIdKey(messageId: string | undefined): string | undefined {
  const id = messageId?.trim().replace(/^<|>$/g, '').trim();
  return id ? sha256(`mid:${id}`) : undefined;
}

export function mailKey(messageId: string | undefined, raw: Buffer): string {
  return messageIdKey(messageId) ?? sha256(`raw:${sha256(raw)}`);
}

// The fields the author's mail program wrote, which no relay on the way changes: who sent it, to
// whom, when, about what, in answer to what, and how the body is encoded. Trace fields (Received,
// Return-Path, RFC 5321 §4.4) and what filters add (Authentication-Results, DKIM-Signature, ARC-*,
// X-*) are left out: a relay that delivers the mail again puts its own on top.
const AUTHOR_FIELDS = [
  'from',
  'sender',
  'to',
  'cc',
  'date',
  'subject',
  'message-id',
  'in-reply-to',
  'references',
  'content-type',
  'content-transfer-encoding',
] as const;

/** Where the body starts: after the first empty line (RFC 5322 §2.1), CRLF or bare LF. */
function bodyStart(raw: Buffer): number {
  const crlf = raw.indexOf('\r\n\r\n');
  const lf = raw.indexOf('\n\n');
  if (crlf >= 0 && (lf < 0 || crlf < lf)) return crlf + 4;
  return lf >= 0 ? lf + 2 : raw.length;
}

/**
 * What makes two deliveries "the same mail": the author's fields above, as written, and the body
 * byte for byte (every part and attachment). A relay's re-delivery with other trace fields on top
 * is the same mail; a mail with someone else's Message-ID but another sender, body or file is not.
 * A relay that rewrites the body or the subject (a spam tag) makes another mail: at worst a second
 * ticket, never one mail written into another's ticket. 64 hex digits.
 */
export function mailFingerprint(mail: Pick<ParsedMail, 'headers'>, raw: Buffer): string {
  const fields = AUTHOR_FIELDS.map((name) => [name, mail.headers.get(name) ?? []]);
  const body = sha256(raw.subarray(bodyStart(raw)));
  return sha256(`fingerprint:${JSON.stringify(fields)}\n${body}`);
}

/**
 * The key of a mail whose Message-ID's key another mail holds already: its own item, one per
 * different mail, and found again by a re-delivery of the same mail (same key, same fingerprint).
 */
export function reusedKey(key: string, fingerprint: string): string {
  return sha256(`reused:${key}\n${fingerprint}`);
}
