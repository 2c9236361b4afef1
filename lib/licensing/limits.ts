/**
 * Who a licence check is counted against: always the caller, never the domain it asks about.
 *
 * There is no per-domain bucket. One of 200 checks (burst) per domain let 201 checks from one
 * IPv6 /60 (16 /64s, each within its own 20) lock every installation of the domain out with 429.
 * Such a bucket protected nothing: the tenant store caches a domain's record for 60 s per instance,
 * so any number of checks of one domain cost one Cosmos read a minute; what is left per check (one
 * Ed25519 signature, well under a millisecond) is bounded by the callers' own buckets below.
 *
 * Per instance (tokens refill continuously; beyond them, 429 with Retry-After):
 * - an anonymous subscriber (IPv4 address or IPv6 /64): 5/s, burst 20 — a page with several web
 *   parts loads at once;
 * - an anonymous IPv6 /48, over all its /64s: 20/s, burst 80. A /48 is the most one end site is
 *   assigned (RIPE-690: /48 business, /56 residential), so aggregating there caps what one holder
 *   gets: the /60 above had 16 × 20 = 320 at once, a /48 had 65,536 × 20; both now get 80. /56
 *   would give a /48 holder 256 such aggregates;
 * - an installation that proved its Entra tenant (see proof.ts): per signed-in user 5/s, burst 20,
 *   per Entra tenant 50/s, burst 200 (a big tenant's morning; answers are valid an hour, so each
 *   browser checks about once an hour). These buckets belong to the tenant's own directory: no
 *   stranger's address, however many, reaches them.
 */
import { type Admission, type Bucket, RateLimiter } from './rateLimit';

export type Caller =
  | { kind: 'anonymous'; subscriber: string; network?: string | undefined }
  | { kind: 'installation'; tenantId: string; user: string };

export const LIMITS = {
  subscriber: { ratePerSecond: 5, burst: 20 },
  network: { ratePerSecond: 20, burst: 80 },
  user: { ratePerSecond: 5, burst: 20 },
  tenant: { ratePerSecond: 50, burst: 200 },
} as const satisfies Record<string, Bucket>;

export class CallerLimits {
  private readonly limiters: Record<keyof typeof LIMITS, RateLimiter>;

  constructor(now: () => number = () => Date.now()) {
    this.limiters = {
      subscriber: new RateLimiter(LIMITS.subscriber, undefined, now),
      network: new RateLimiter(LIMITS.network, undefined, now),
      user: new RateLimiter(LIMITS.user, undefined, now),
      tenant: new RateLimiter(LIMITS.tenant, undefined, now),
    };
  }

  /** Takes one check from each of the caller's buckets, narrowest first. */
  admit(caller: Caller): Admission {
    const { subscriber, network, user, tenant } = this.limiters;
    const takes: Array<[RateLimiter, string]> =
      caller.kind === 'installation'
        ? [
            [user, `${caller.tenantId}/${caller.user}`],
            [tenant, caller.tenantId],
          ]
        : [[subscriber, caller.subscriber]];
    if (caller.kind === 'anonymous' && caller.network) takes.push([network, caller.network]);
    for (const [limiter, key] of takes) {
      const admission = limiter.take(key);
      if (!admission.ok) return admission;
    }
    return { ok: true };
  }
}
