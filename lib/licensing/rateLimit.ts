/**
 * Token buckets per key (a client address, a signed-in user), in memory per instance: the licence
 * endpoint is anonymous, so a burst from one client must not turn into a burst of work. The number
 * of keys is bounded (10,000) so a spray of fake keys cannot grow memory. The buckets are in
 * limits.ts.
 */
export interface Bucket {
  /** Sustained requests per second. */
  ratePerSecond: number;
  /** Requests allowed at once. */
  burst: number;
}

export type Admission = { ok: true } | { ok: false; retryAfterSeconds: number };

export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly bucket: Bucket,
    private readonly maxKeys = 10_000,
    private readonly now: () => number = Date.now,
  ) {}

  take(key: string): Admission {
    const now = this.now();
    const entry = this.buckets.get(key) ?? { tokens: this.bucket.burst, at: now };
    const tokens = Math.min(
      this.bucket.burst,
      entry.tokens + ((now - entry.at) / 1000) * this.bucket.ratePerSecond,
    );
    this.buckets.delete(key); // re-insert: the Map's order doubles as least-recently-used
    if (tokens < 1) {
      this.remember(key, { tokens, at: now });
      return { ok: false, retryAfterSeconds: Math.ceil((1 - tokens) / this.bucket.ratePerSecond) };
    }
    this.remember(key, { tokens: tokens - 1, at: now });
    return { ok: true };
  }

  private remember(key: string, entry: { tokens: number; at: number }): void {
    this.buckets.set(key, entry);
    if (this.buckets.size > this.maxKeys) {
      const oldest = this.buckets.keys().next().value;
      if (oldest !== undefined) this.buckets.delete(oldest);
    }
  }
}
