/**
 * Bounded retry for Graph throttling, in place of the SDK's RetryHandler. Why not configure that
 * one: it honours Retry-After up to 180 s per wait and has no total budget. The bounds and the
 * backoff are the service's one retry policy (lib/retryPolicy.ts); this file adds what is Graph's:
 * which statuses are worth another attempt, and which bodies can be sent again.
 */
import type { Context, Middleware, MiddlewareOptions } from '@microsoft/microsoft-graph-client';

import {
  DEFAULT_RETRY_POLICY,
  RetryBudget,
  type RetryDeps,
  type RetryPolicy,
  realRetryDeps,
  validateRetryPolicy,
} from '../retryPolicy';

export {
  DEFAULT_RETRY_POLICY,
  type RetryDeps,
  type RetryPolicy,
  backoffSeconds,
  retryAfterSeconds,
  validateRetryPolicy,
} from '../retryPolicy';

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

/**
 * A request option for what must reach Graph at most once (sending mail): a 503 or 504 may come
 * after Exchange accepted the request, so only a 429, which says it was refused, is retried.
 */
export class AtMostOnce implements MiddlewareOptions {}

const atMostOnce = (context: Context): boolean =>
  context.middlewareControl?.getMiddlewareOptions(AtMostOnce) !== undefined;

export class BoundedRetryHandler implements Middleware {
  private next?: Middleware;
  private readonly policy: RetryPolicy;

  constructor(
    policy: RetryPolicy = DEFAULT_RETRY_POLICY,
    private readonly deps: RetryDeps = realRetryDeps,
  ) {
    this.policy = validateRetryPolicy({ ...policy });
  }

  setNext(next: Middleware): void {
    this.next = next;
  }

  async execute(context: Context): Promise<void> {
    if (!this.next) throw new Error('BoundedRetryHandler: no next middleware');
    const budget = new RetryBudget(this.policy, this.deps);
    for (;;) {
      await this.next.execute(context);
      const response = context.response;
      if (!response || !RETRYABLE_STATUS.has(response.status)) return;
      if (!isReplayable(context.options?.body)) return;
      if (response.status !== 429 && atMostOnce(context)) return;
      const wait = budget.delayFor(response.headers.get('Retry-After'));
      if (!budget.allows(wait)) return;
      // The throttled response is dropped: free its connection instead of waiting for GC.
      await response.body?.cancel().catch(() => undefined);
      await budget.wait(wait);
    }
  }
}
