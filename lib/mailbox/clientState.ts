/**
 * The secret a subscription's notifications carry (`clientState`), derived instead of stored:
 * HMAC-SHA256 under the service's master key of the mailbox's identity and the time it was
 * connected. Reconnecting a mailbox therefore changes it, and nothing kept in Cosmos or the log
 * lets anyone forge a notification. 43 characters of base64url, well under Graph's 128.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

import type { MailboxRecord } from './record';

export function clientStateFor(
  key: Buffer,
  record: Pick<MailboxRecord, 'tenant' | 'address' | 'connectedAt'>,
): string {
  return createHmac('sha256', key)
    .update(`mailbox|${record.tenant}|${record.address}|${record.connectedAt}`)
    .digest('base64url');
}

/** Constant-time comparison, so timing tells an attacker nothing about how much was right. */
export function clientStateMatches(expected: string, given: unknown): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(expected, 'utf8');
  const b = Buffer.from(given, 'utf8');
  // Unequal lengths end here: the length of a derived state is public (always 43).
  return a.length === b.length && timingSafeEqual(a, b);
}
