/** Small readers the relay adapters share. */
import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * Room for a relay's fields beside the mail (envelope, spam report, signature, multipart
 * boundaries): far more than they take, small next to a mail.
 */
export const FORM_OVERHEAD_BYTES = 1024 * 1024;

/** How long a caller waits before trying again after a 503, for /api/inbound and every relay door. */
export const RETRY_AFTER_SECONDS = '30';

/** A SpamAssassin score as a relay writes it ("5.1", "-0.8"); anything else is no score. */
export function spamScoreOf(text: string | undefined): number | undefined {
  const value = text?.trim();
  if (!value || !/^[+-]?\d{1,4}(\.\d{1,6})?$/.test(value)) return undefined;
  return Number(value);
}

/**
 * Whether a secret the caller gave equals ours, in time that does not depend on where they
 * differ: both are hashed first, so even their lengths do not show.
 */
export function sameSecret(given: string, expected: string): boolean {
  const digest = (s: string): Buffer => createHash('sha256').update(s, 'utf8').digest();
  return timingSafeEqual(digest(given), digest(expected));
}
