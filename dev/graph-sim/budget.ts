/**
 * SharePoint's resource-unit budget (docs/graph.md "Throttling"): each app is metered per tenant
 * in resource units (RU) per minute and per day; once a window is spent its requests are answered
 * 429 with Retry-After until the window ends, and from 80 % of the minute's budget on, responses
 * carry the RateLimit-Limit / -Remaining / -Reset headers (IETF draft-03, Reset in seconds).
 * Off by default. Windows are fixed: they start with the first charge and last `windowSeconds`
 * (60, shorter for tests) and 24 h. Throttled requests are charged too, as SharePoint charges them.
 * The clock is real unless configured `manualClock`, which only moves on `advance`.
 */
import { GraphError } from './errors';
import { type BudgetConfig, parseBudgetConfig } from './budgetConfig';

export type { BudgetConfig } from './budgetConfig';

/** The RateLimit headers appear once this share of the minute's budget is used. */
const HEADER_THRESHOLD = 0.8;
const DAY_MS = 24 * 3600 * 1000;

interface Window {
  start: number;
  used: number;
}

interface Meter {
  minute: Window;
  day: Window;
  throttled: number;
}

/** Charged and refused per app per tenant, for `GET /_admin/budget`. */
export interface BudgetUsage {
  tenantId: string;
  appId: string;
  minuteUsed: number;
  dayUsed: number;
  charged: number;
  throttled: number;
}

export interface Caller {
  tid: string;
  appid: string;
}

export class Budget {
  private config: BudgetConfig | undefined;
  private meters = new Map<string, Meter & { charged: number }>();
  private offsetMs = 0;
  private manualNow: number | undefined;

  get current(): object {
    const usage: BudgetUsage[] = [...this.meters.entries()].map(([key, m]) => {
      const [tenantId = '', appId = ''] = key.split('|');
      const now = this.now();
      return {
        tenantId,
        appId,
        minuteUsed: this.live(m.minute, this.windowMs(), now).used,
        dayUsed: this.live(m.day, DAY_MS, now).used,
        charged: m.charged,
        throttled: m.throttled,
      };
    });
    return { ...(this.config ?? { off: true }), usage };
  }

  /** Validates and applies a whole configuration; usage and the clock start over. */
  configure(input: unknown): object {
    this.config = parseBudgetConfig(input);
    this.meters.clear();
    this.offsetMs = 0;
    this.manualNow = this.config?.manualClock ? 0 : undefined;
    return this.current;
  }

  /** Moves the clock on (both kinds), so a test never waits for a window to end. */
  advance(seconds: unknown): object {
    if (typeof seconds !== 'number' || !(seconds >= 0 && seconds <= 2 * 86400)) {
      throw new GraphError(400, 'invalidRequest', 'seconds must be a number from 0 to 172800.');
    }
    if (this.manualNow !== undefined) this.manualNow += seconds * 1000;
    else this.offsetMs += seconds * 1000;
    return this.current;
  }

  /**
   * Charges one request; throws the 429 once a window is spent. Returns the RateLimit headers
   * to put on the answer when the minute's budget is 80 % used.
   */
  charge(caller: Caller, cost: number): Record<string, string> | undefined {
    if (!this.config) return undefined;
    const m = this.meter(caller);
    const now = this.now();
    const minute = (m.minute = this.live(m.minute, this.windowMs(), now));
    const day = (m.day = this.live(m.day, DAY_MS, now));
    const refusedUntil = [
      ...(minute.used + cost > this.config.perMinute ? [minute.start + this.windowMs()] : []),
      ...(day.used + cost > this.config.perDay ? [day.start + DAY_MS] : []),
    ];
    minute.used += cost;
    day.used += cost;
    m.charged += cost;
    if (refusedUntil.length === 0) return this.headers(caller);
    m.throttled++;
    const retryAfter = Math.max(1, Math.ceil((Math.max(...refusedUntil) - now) / 1000));
    throw new GraphError(
      429,
      'activityLimitReached',
      'The request has been throttled',
      { 'retry-after': String(retryAfter), ...this.headers(caller) },
      'throttledRequest',
    );
  }

  /** The RateLimit headers for the caller's state now, if at or past 80 % of the minute. */
  headers(caller: Caller): Record<string, string> | undefined {
    if (!this.config) return undefined;
    const m = this.meter(caller);
    const now = this.now();
    const minute = this.live(m.minute, this.windowMs(), now);
    const limit = this.config.perMinute;
    if (minute.used < limit * HEADER_THRESHOLD) return undefined;
    const reset = Math.max(1, Math.ceil((minute.start + this.windowMs() - now) / 1000));
    return {
      'ratelimit-limit': String(limit),
      'ratelimit-remaining': String(Math.max(0, limit - minute.used)),
      'ratelimit-reset': String(reset),
    };
  }

  private now(): number {
    return this.manualNow ?? Date.now() + this.offsetMs;
  }

  private windowMs(): number {
    return (this.config?.windowSeconds ?? 60) * 1000;
  }

  /** The window as it stands at `now`: a fresh one once the old one has ended. */
  private live(w: Window, lengthMs: number, now: number): Window {
    return now >= w.start + lengthMs ? { start: now, used: 0 } : w;
  }

  private meter(caller: Caller): Meter & { charged: number } {
    // Per app per tenant: a multitenant app has its own budget in each tenant.
    const key = `${caller.tid.toLowerCase()}|${caller.appid.toLowerCase()}`;
    let m = this.meters.get(key);
    if (!m) {
      const fresh = (): Window => ({ start: this.now(), used: 0 });
      m = { minute: fresh(), day: fresh(), throttled: 0, charged: 0 };
      this.meters.set(key, m);
    }
    return m;
  }
}
