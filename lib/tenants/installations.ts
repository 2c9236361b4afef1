/** The installations a tenant's record keeps: the URLs of helpdesks that checked their licence. */
import type { Installation } from './store';

// The endpoint is anonymous: anyone can report made-up sites of a customer's domain. A tenant's
// record keeps the most recently seen installations only, so it stays a small point read; a
// real installation pushed out comes back with its next check.
export const MAX_INSTALLATIONS = 200;

export function withInstallation(
  installations: Installation[],
  { site, now }: { site: string; now: Date },
): Installation[] {
  const at = now.toISOString();
  const next = installations.some((i) => i.url === site)
    ? installations.map((i) => (i.url === site ? { ...i, lastSeen: at } : i))
    : [...installations, { url: site, firstSeen: at, lastSeen: at }];
  if (next.length <= MAX_INSTALLATIONS) return next;
  return [...next].sort((a, b) => b.lastSeen.localeCompare(a.lastSeen)).slice(0, MAX_INSTALLATIONS);
}
