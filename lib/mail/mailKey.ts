/**
 * The idempotency key of a mail: derived from its Message-ID, or from a hash of the raw bytes
 * when there is none, and stored hashed (so the column never holds an address-like value).
 * Two deliveries of the same mail (by the relay or by the queue) get the same key.
 */
import { createHash } from 'node:crypto';

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

/** The key a mail with this Message-ID was stored under; undefined for an empty id. */
export function messageIdKey(messageId: string | undefined): string | undefined {
  const id = messageId?.trim().replace(/^<|>$/g, '').trim();
  return id ? sha256(`mid:${id}`) : undefined;
}

export function mailKey(messageId: string | undefined, raw: Buffer): string {
  return messageIdKey(messageId) ?? sha256(`raw:${createHash('sha256').update(raw).digest('hex')}`);
}
