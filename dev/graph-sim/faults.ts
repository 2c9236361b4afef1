/**
 * The fault knob: chosen Graph requests answered 429 (SharePoint's throttling body) or 503, both
 * with Retry-After, so retry paths can be tested. Which requests fail is never left to chance: an
 * even spread (`rate`), a seeded draw (`rate` with `seed`), every n-th (`every`) or the next k
 * (`next`) of the requests that `match`, counted from the last configuration, up to a `limit`
 * (faultConfig.ts).
 * The same configuration over the same sequence of requests fails the same ones; a test that
 * sends requests concurrently must still bound what one call can meet (see the README).
 * What counts as a request: every Graph call, every request inside a `$batch` (each on its own,
 * answered 429 inside a batch that is still 200; the envelope itself is never failed) and every
 * call to an upload URL, as SharePoint throttles fragments too.
 */
import { GraphError } from './errors';
import { FAULTS_OFF, type FaultConfig, type FaultMatch, parseFaultConfig } from './faultConfig';
import { mulberry32 } from '../seeded';

export type { FaultConfig } from './faultConfig';

/** What `GET /_admin/faults` shows: the configuration and what it has done since. */
export interface FaultState extends FaultConfig {
  /** Requests that matched since the configuration. */
  counted: number;
  /** Of those, the ones answered with the fault. */
  failed: number;
}

function matches(match: FaultMatch | undefined, method: string, path: string): boolean {
  if (!match) return true;
  if (match.method !== undefined && match.method !== method.toUpperCase()) return false;
  return match.path === undefined || path.startsWith(match.path);
}

export class Faults {
  private config: FaultConfig = { ...FAULTS_OFF };
  private counted = 0;
  private failed = 0;
  private draw: (() => number) | undefined;
  /** Held requests' release, called by the next configuration. */
  private held: Array<() => void> = [];

  get current(): FaultState {
    return { ...this.config, counted: this.counted, failed: this.failed };
  }

  /** Validates and applies a whole configuration; restarts the count (and the seeded sequence). */
  configure(input: unknown): FaultState {
    this.config = parseFaultConfig(input);
    this.counted = 0;
    this.failed = 0;
    this.draw = this.config.seed === undefined ? undefined : mulberry32(this.config.seed);
    for (const release of this.held.splice(0)) release();
    return this.current;
  }

  /**
   * The fault as it is to be answered: at once, or with `hold` once the faults are configured
   * again (whoever sent the request may be gone by then; its answer goes nowhere).
   */
  async answer(fault: GraphError): Promise<GraphError> {
    if (this.config.hold) await new Promise<void>((release) => this.held.push(release));
    return fault;
  }

  /** Whether counted request n (from 0) fails under the configured pattern. */
  private fails(n: number): boolean {
    const { rate, every, next, limit } = this.config;
    if (limit !== undefined && this.failed >= limit) return false;
    if (every !== undefined) return (n + 1) % every === 0;
    if (next !== undefined) return n < next;
    if (rate === undefined || rate <= 0) return false;
    if (this.draw) return this.draw() < rate;
    // The epsilon keeps e.g. 10 × 0.1 from landing just under 1 in floating point.
    return Math.floor((n + 1) * rate + 1e-9) !== Math.floor(n * rate + 1e-9);
  }

  /**
   * Decides the fate of the next Graph request: a fault to answer with, or undefined.
   * `path` is the Graph path after /v1.0 (or the upload URL's path).
   */
  next(method: string, path: string): GraphError | undefined {
    if (!this.active() || !matches(this.config.match, method, path)) return undefined;
    if (!this.fails(this.counted++)) return undefined;
    this.failed++;
    const { status, retryAfterSeconds } = this.config;
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

  /** Off: nothing is counted, so a later configuration starts from a clean sequence anyway. */
  private active(): boolean {
    const { rate, every, next } = this.config;
    return every !== undefined || (next !== undefined && next > 0) || (rate ?? 0) > 0;
  }
}
