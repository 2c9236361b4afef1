/**
 * The function key of a request, as the host reads it (`x-functions-key`, else `?code=`), and its
 * check against the expected key.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

const digest = (s: string): Buffer => createHash('sha256').update(s).digest();

/** Constant-time key comparison; hashing first keeps the key's length secret as well. */
export function keyMatches(given: string | null, expected: string): boolean {
  return given !== null && timingSafeEqual(digest(given), digest(expected));
}

export function givenKey(req: IncomingMessage, url: URL): string | null {
  const given = req.headers['x-functions-key'] ?? url.searchParams.get('code');
  return typeof given === 'string' ? given : null;
}
