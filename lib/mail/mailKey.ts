/**
 * The idempotency key of a mail: derived from its Message-ID, or from a hash of the raw bytes
 * when there is none, and stored hashed (so the column never holds an address-like value).
 * Two deliveries of the same mail (by the relay or by the queue) get the same key.
 */
import { createHash } from 'node:crypto';

export function mailKey(messageId: string | undefined, raw: Buffer): string {
  const id = messageId?.trim().replace(/^<|>$/g, '').trim();
  const source = id ? `mid:${id}` : `raw:${createHash('sha256').update(raw).digest('hex')}`;
  return createHash('sha256').update(source).digest('hex');
}
