/**
 * Bounded retry for Graph throttling, in place of the SDK's RetryHandler. Why not configure that
 * one: it honours Retry-After up to 180 s per wait and has no total budget, and a queue-triggered
 * function that sleeps minutes holds its message lease and a worker while the Storage queue could
 * simply redeliver later. Here a request waits at most `maxWaitSeconds` once and
 * `totalWaitSeconds` overall; a longer Retry-After means giving up at once (retrying earlier than
 * Graph asked only earns another 429 and still costs resource units), and the caller's
 * TransientError('graph-throttled') lets the queue retry.
 */
import type { Context, Middleware } from '@microsoft/microsoft-graph-client';
import { setTimeout as delay } from 'node:timers/promises';

export interface RetryPolicy {
  /** Retries after the first attempt. */
  maxRetries: number;
  /** Longest single wait in seconds; a longer Retry-After ends the retries. */
  maxWaitSeconds: number;
  /** Sum of all waits of one request, seconds. */
  totalWaitSeconds: number;
  /** Backoff without Retry-After: base, 2×base, 4×base… plus up to one base of jitter. */
  baseDelaySeconds: number;
}

// 4 retries within 30 s: Graph's Retry-After for SharePoint is usually a few seconds; past 30 s
// the queue's own redelivery (visibility timeout, maxDequeueCount) is the better back-off.
export const DEFAULT_RETRY_POLICY: Readonly<RetryPolicy> = {
  maxRetries: 4,
  maxWaitSeconds: 10,
  totalWaitSeconds: 30,
  baseDelaySeconds: 1,
};

// Throttled (429), unavailable (503, SharePoint also throttles with it), gateway timeout (504):
// the statuses Graph's throttling guidance and the SDK's RetryHandler retry. Not 500/502: those
// are rarely cured by an immediate retry and the queue will retry anyway.
export const RETRYABLE_STATUS: ReadonlySet<number> = new Set([429, 503, 504]);

/**
 * Whether a failure may pass, so the mail is worth another delivery: throttling, server errors,
 * a timeout (408), a locked item (423, a list an agent is editing). Any other 4xx will fail the
 * same way again. One rule for single requests, `$batch` sub-requests and upload fragments.
 */
export function isPassingStatus(status: number): boolean {
  return status === 429 || status >= 500 || status === 408 || status === 423;
}

/** Explicit bounds, so a 0 or NaN from configuration never turns the budget off or unbounded. */
export function validateRetryPolicy(p: RetryPolicy): RetryPolicy {
  const ok = (v: number, min: number, max: number): boolean =>
    Number.isFinite(v) && v >= min && v <= max;
  if (!Number.isInteger(p.maxRetries) || !ok(p.maxRetries, 0, 10)) {
    throw new RangeError('retry policy: maxRetries must be a whole number from 0 to 10');
  }
  // 180 s: the SDK's own ceiling for one wait; a function should never sit longer.
  for (const key of ['maxWaitSeconds', 'totalWaitSeconds', 'baseDelaySeconds'] as const) {
    if (!ok(p[key], 0.001, 180)) throw new RangeError(`retry policy: ${key} must be in (0, 180]`);
  }
  return p;
}

/** Retry-After is delta-seconds (Graph sends fractions too) or an HTTP-date (RFC 9110 §10.2.3). */
export function retryAfterSeconds(
  header: string | null | undefined,
  nowMs: number,
): number | undefined {
  const value = header?.trim();
  if (!value) return undefined;
  if (/^\d+(\.\d+)?$/.test(value)) return Number(value);
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, (at - nowMs) / 1000);
}

/** Seconds to wait before retry number `retry` (1-based). */
export function backoffSeconds(policy: RetryPolicy, retry: number, random: () => number): number {
  return policy.baseDelaySeconds * (2 ** (retry - 1) + random());
}

/** A body that can be sent again: not a stream (the SDK's RetryHandler skips octet-stream for this). */
export function isReplayable(body: unknown): boolean {
  return (
    body === undefined ||
    body === null ||
    typeof body === 'string' ||
    body instanceof ArrayBuffer ||
    ArrayBuffer.isView(body) ||
    body instanceof URLSearchParams ||
    body instanceof Blob
  );
}

export interface RetryDeps {
  sleep: (ms: number) => Promise<unknown>;
  now: () => number;
  random: () => number;
}

const realDeps: RetryDeps = { sleep: (ms) => delay(ms), now: Date.now, random: Math.random };

export class BoundedRetryHandler implements Middleware {
  private next?: Middleware;
  private readonly policy: RetryPolicy;

  constructor(
    policy: RetryPolicy = DEFAULT_RETRY_POLICY,
    private readonly deps: RetryDeps = realDeps,
  ) {
    this.policy = validateRetryPolicy({ ...policy });
  }

  setNext(next: Middleware): void {
    this.next = next;
  }

  async execute(context: Context): Promise<void> {
    if (!this.next) throw new Error('BoundedRetryHandler: no next middleware');
    let waited = 0;
    for (let retry = 1; ; retry++) {
      await this.next.execute(context);
      const response = context.response;
      if (!response || !RETRYABLE_STATUS.has(response.status)) return;
      if (retry > this.policy.maxRetries || !isReplayable(context.options?.body)) return;
      const asked = retryAfterSeconds(response.headers.get('Retry-After'), this.deps.now());
      const wait = asked ?? backoffSeconds(this.policy, retry, this.deps.random);
      if (wait > this.policy.maxWaitSeconds || waited + wait > this.policy.totalWaitSeconds) return;
      // The throttled response is dropped: free its connection instead of waiting for GC.
      await response.body?.cancel().catch(() => undefined);
      waited += wait;
      await this.deps.sleep(wait * 1000);
    }
  }
}
