/**
 * Slowing down before SharePoint throttles (docs/graph.md "Throttling"): from 80 % of an app's
 * resource units for the minute on, SharePoint answers with RateLimit-Limit, RateLimit-Remaining
 * (units left) and RateLimit-Reset (seconds until the window renews). While those headers say the
 * window is nearly spent, this middleware spreads the next requests so the remaining units last
 * until the reset, instead of running into 429s (which cost units too, and a retry wait besides).
 * One pacer per Graph client, so per tenant: SharePoint meters an app per tenant.
 *
 * Each request is assumed to cost 2 units (a write or a query; the helpdesk never asks for
 * permissions, the only 5-unit operation), and is counted against the remaining units as it is
 * sent, so requests in flight at once do not all spend the same units.
 */
import type { Context, Middleware } from '@microsoft/microsoft-graph-client';

import { sleepUnlessAborted } from '../deadline';
import { type RetryDeps, realRetryDeps } from '../retryPolicy';

/** The most one request a Graph call can cost this service, in resource units. */
const REQUEST_COST = 2;

/**
 * Longest wait before one request, seconds: the same bound as one retry wait (lib/retryPolicy.ts).
 * A mail makes at most about 6 Graph requests, so pacing adds at most a minute to a delivery, well
 * within the mail's deadline (lib/deadline.ts); past that, SharePoint's window (60 s) is better
 * waited out by the queue's redelivery than by a function holding its message.
 */
export const MAX_PACE_SECONDS = 10;

/** RateLimit-Reset beyond an hour is not a minute window: ignored rather than obeyed. */
const MAX_RESET_SECONDS = 3600;

/** The retry policy's clock and sleep: a pace, like a retry wait, ends when the stage aborts. */
export type PacerDeps = Pick<RetryDeps, 'sleep' | 'now'>;

const realDeps: PacerDeps = realRetryDeps;

interface Window {
  /** Units left, less what was sent since the headers were read. */
  remaining: number;
  resetAt: number;
}

/** The window the RateLimit headers describe, or undefined when absent or malformed. */
export function readRateLimit(headers: Headers, nowMs: number): Window | undefined {
  const remaining = Number(headers.get('RateLimit-Remaining') ?? NaN);
  const reset = Number(headers.get('RateLimit-Reset') ?? NaN);
  if (!Number.isFinite(remaining) || remaining < 0) return undefined;
  if (!Number.isFinite(reset) || reset < 0 || reset > MAX_RESET_SECONDS) return undefined;
  return { remaining, resetAt: nowMs + reset * 1000 };
}

export class RateLimitPacer implements Middleware {
  private next?: Middleware;
  private window: Window | undefined;

  constructor(private readonly deps: PacerDeps = realDeps) {}

  setNext(next: Middleware): void {
    this.next = next;
  }

  /** Milliseconds to wait before the next request: none, an even share, or until the reset. */
  delayMs(): number {
    const w = this.window;
    const now = this.deps.now();
    if (!w || now >= w.resetAt) {
      this.window = undefined;
      return 0;
    }
    const left = w.resetAt - now;
    const affordable = Math.floor(w.remaining / REQUEST_COST);
    // n requests left: one every left/(n+1), so the last one goes before the reset, not at it.
    const wait = affordable === 0 ? left : left / (affordable + 1);
    return Math.min(wait, MAX_PACE_SECONDS * 1000);
  }

  async execute(context: Context): Promise<void> {
    if (!this.next) throw new Error('RateLimitPacer: no next middleware');
    const wait = this.delayMs();
    if (wait > 0) await sleepUnlessAborted(this.deps.sleep, wait);
    if (this.window) this.window.remaining -= REQUEST_COST;
    await this.next.execute(context);
    const headers = context.response?.headers;
    // No headers on an answer: the app is below 80 % of the minute again (or a new window began).
    if (headers) this.window = readRateLimit(headers, this.deps.now());
  }
}
