/**
 * POSTing notifications to subscribers, always after the request that caused them has been
 * answered. An endpoint must answer 2xx within 3 seconds; otherwise Graph retries with backoff
 * for up to 4 hours and then discards the notification. The simulator keeps Graph's 3-second rule
 * but gives up after 5 attempts (backoff 0.2, 0.4, 0.8 and 1.6 s, so about 3 s plus the
 * timeouts), which lets a test of a failing endpoint end quickly.
 */

const ANSWER_TIMEOUT_MS = 3_000;
export const RETRY_DELAYS_MS = [200, 400, 800, 1_600];

export interface DeliveryCounts {
  /** POSTs answered 2xx in time. */
  delivered: number;
  /** Attempts that failed and were tried again. */
  retried: number;
  /** Notifications given up after the last attempt. */
  abandoned: number;
}

export interface Delivery {
  url: string;
  body: unknown;
  /** Asked before every attempt: false stops it (the subscription expired or was deleted). */
  wanted?: () => boolean;
}

export class Deliveries {
  counts: DeliveryCounts = { delivered: 0, retried: 0, abandoned: 0 };
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly closing = new AbortController();

  /** Sends after `delayMs`; never throws (a failure is retried or counted). */
  schedule(delivery: Delivery, delayMs: number, attempt = 0): void {
    if (this.closing.signal.aborted) return;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      void this.attempt(delivery, attempt);
    }, delayMs);
    this.timers.add(timer);
  }

  private async attempt(delivery: Delivery, attempt: number): Promise<void> {
    if (delivery.wanted && !delivery.wanted()) return;
    if (await this.post(delivery)) {
      this.counts.delivered++;
      return;
    }
    if (this.closing.signal.aborted) return;
    const backoff = RETRY_DELAYS_MS[attempt];
    if (backoff === undefined) {
      this.counts.abandoned++;
      return;
    }
    this.counts.retried++;
    this.schedule(delivery, backoff, attempt + 1);
  }

  private async post({ url, body }: Delivery): Promise<boolean> {
    try {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json; charset=utf-8' },
        body: JSON.stringify(body),
        signal: AbortSignal.any([AbortSignal.timeout(ANSWER_TIMEOUT_MS), this.closing.signal]),
      });
      // The answer must be complete in time as well; its content does not matter.
      await res.arrayBuffer();
      return res.status >= 200 && res.status < 300;
    } catch {
      return false;
    }
  }

  resetCounts(): void {
    this.counts = { delivered: 0, retried: 0, abandoned: 0 };
  }

  /** Server close: pending sends are forgotten, sends in flight aborted. */
  close(): void {
    this.closing.abort();
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }
}
