/**
 * The one retry policy of the service's outgoing calls: how many retries, how long one wait and
 * all waits together may be, and the backoff when the server names no time. Graph requests
 * (lib/sharepoint/retry.ts), `$batch` sub-requests and upload fragments all count their retries
 * through a RetryBudget, so they back off alike and a test can drive them with a fake clock.
 *
 * Why bounded at all: a queue-triggered function that sleeps minutes holds its message lease and
 * a worker while the Storage queue could simply redeliver later. A longer Retry-After than one
 * wait may be means giving up at once (retrying earlier than the server asked only earns another
 * refusal), and the caller's TransientError lets the queue retry.
 */
import { setTimeout as delay } from 'node:timers/promises';

import { sleepUnlessAborted } from './deadline';

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

/** Explicit bounds, so a 0 or NaN from configuration never turns the budget off or unbounded. */
export function validateRetryPolicy(p: RetryPolicy): RetryPolicy {
  const ok = (v: number, min: number, max: number): boolean =>
    Number.isFinite(v) && v >= min && v <= max;
  if (!Number.isInteger(p.maxRetries) || !ok(p.maxRetries, 0, 10)) {
    throw new RangeError('retry policy: maxRetries must be a whole number from 0 to 10');
  }
  // 180 s: the Graph SDK's own ceiling for one wait; a function should never sit longer.
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

/** Time and chance, injected so tests run without waiting and with a seeded random. */
export interface RetryDeps {
  /** Resolves after `ms`; rejects early once `signal` aborts. */
  sleep: (ms: number, signal?: AbortSignal) => Promise<unknown>;
  now: () => number;
  random: () => number;
}

export const realRetryDeps: RetryDeps = {
  sleep: (ms, signal) => delay(ms, undefined, signal ? { signal } : undefined),
  now: Date.now,
  random: Math.random,
};

/** The retries of one request (or one batch): what has been waited, and whether to go on. */
export class RetryBudget {
  private readonly policy: RetryPolicy;
  private retries = 0;
  private waited = 0;

  constructor(
    policy: RetryPolicy = DEFAULT_RETRY_POLICY,
    private readonly deps: RetryDeps = realRetryDeps,
  ) {
    this.policy = validateRetryPolicy({ ...policy });
  }

  /** Seconds before the next retry: what the server asked (Retry-After), else the backoff. */
  delayFor(retryAfter?: string | null): number {
    const asked = retryAfterSeconds(retryAfter, this.deps.now());
    return asked ?? backoffSeconds(this.policy, this.retries + 1, this.deps.random);
  }

  /** Whether one more retry after `seconds` stays within the policy; false means give up. */
  allows(seconds: number): boolean {
    const p = this.policy;
    if (this.retries + 1 > p.maxRetries || seconds > p.maxWaitSeconds) return false;
    return this.waited + seconds <= p.totalWaitSeconds;
  }

  /**
   * Waits `seconds` and counts the retry. The wait ends early, with the transient abort error,
   * when the stage's signal fires: a stage out of time must not sleep on.
   */
  async wait(seconds: number): Promise<void> {
    this.retries++;
    this.waited += seconds;
    await sleepUnlessAborted(this.deps.sleep, seconds * 1000);
  }
}
