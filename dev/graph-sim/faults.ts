/**
 * The fault knob: a share of Graph requests answered 429 (SharePoint's throttling body) or 503,
 * both with Retry-After, so retry paths can be tested. The choice is deterministic, not random:
 * with rate r, request n (counted from the last configuration) fails when floor((n+1)·r) passes
 * an integer, so rate 0.5 fails every 2nd request and rate 0.25 every 4th: tests are reproducible.
 * What counts as a request: every Graph call, every request inside a `$batch` (each on its own,
 * answered 429 inside a batch that is still 200; the envelope itself is never failed) and every
 * call to an upload URL, as SharePoint throttles fragments too.
 */
import { GraphError, badRequest } from './errors';

export interface FaultConfig {
  /** Share of Graph requests that fail, 0..1; 0 turns faults off. */
  rate: number;
  status: 429 | 503;
  /** Seconds, fractional allowed (REFERENCE.md "Throttling"). */
  retryAfterSeconds: number;
}

/** The Graph SDK caps Retry-After at 180 s; a longer one would only stall a test. */
const MAX_RETRY_AFTER_S = 180;

export class Faults {
  private config: FaultConfig = { rate: 0, status: 429, retryAfterSeconds: 1 };
  private count = 0;

  get current(): FaultConfig {
    return { ...this.config };
  }

  /** Validates and applies a (partial) configuration; restarts the deterministic sequence. */
  configure(input: unknown): FaultConfig {
    if (typeof input !== 'object' || input === null || Array.isArray(input)) {
      throw badRequest('Expected a JSON object { rate, status, retryAfterSeconds }.');
    }
    const body = input as Record<string, unknown>;
    const rate = body.rate ?? this.config.rate;
    const status = body.status ?? this.config.status;
    const retryAfterSeconds = body.retryAfterSeconds ?? this.config.retryAfterSeconds;
    if (typeof rate !== 'number' || !(rate >= 0 && rate <= 1))
      throw badRequest('rate must be a number from 0 to 1.');
    if (status !== 429 && status !== 503) throw badRequest('status must be 429 or 503.');
    if (
      typeof retryAfterSeconds !== 'number' ||
      !(retryAfterSeconds >= 0 && retryAfterSeconds <= MAX_RETRY_AFTER_S)
    ) {
      throw badRequest(`retryAfterSeconds must be a number from 0 to ${MAX_RETRY_AFTER_S}.`);
    }
    this.config = { rate, status, retryAfterSeconds };
    this.count = 0;
    return this.current;
  }

  /** Decides the fate of the next Graph request: a fault to answer with, or undefined. */
  next(): GraphError | undefined {
    const { rate, status, retryAfterSeconds } = this.config;
    if (rate <= 0) return undefined;
    const n = this.count++;
    // The epsilon keeps e.g. 10 × 0.1 from landing just under 1 in floating point.
    if (Math.floor((n + 1) * rate + 1e-9) === Math.floor(n * rate + 1e-9)) return undefined;
    const headers = { 'retry-after': String(retryAfterSeconds) };
    return status === 429
      ? new GraphError(
          429,
          'activityLimitReached',
          'The request has been throttled',
          headers,
          'throttledRequest',
        )
      : new GraphError(503, 'serviceNotAvailable', 'Service unavailable', headers);
  }
}
