/**
 * The fault knob's configuration, as `PUT /_admin/faults` takes it: one way to pick the failing
 * requests (`rate`, optionally `seed`; `every`; `next`), an optional `match` narrowing which
 * requests count, `limit` capping the faults in all, and the answer (`status`, `retryAfterSeconds`;
 * with `hold`, first no answer at all until the next configuration). A PUT replaces the whole
 * configuration; what it leaves out takes the default, so `{ "rate": 0 }` always turns faults off.
 */
import { badRequest } from './errors';

export interface FaultMatch {
  /** Only requests with this method count (upper case). */
  method?: string;
  /** Only requests whose Graph path (after /v1.0, or /upload-sessions/...) starts with this. */
  path?: string;
}

export interface FaultConfig {
  /**
   * Share of the counted requests that fail, 0..1; 0 turns faults off. Without a seed it is spread
   * evenly: request n (from 0) fails when floor((n+1)·rate) passes an integer.
   */
  rate?: number;
  /** With `rate`: each counted request fails with that probability, drawn from mulberry32(seed). */
  seed?: number;
  /** Counted requests n, 2n, 3n… fail (1-based). */
  every?: number;
  /** The next k counted requests fail, then none. */
  next?: number;
  /**
   * With `rate` or `every`: no more faults once this many were answered. Bounds what concurrent
   * flows can meet whatever their interleaving (fewer faults than a mail needs to fail for good).
   */
  limit?: number;
  match?: FaultMatch;
  status: 429 | 503;
  /** Seconds, fractional allowed (docs/graph.md "Throttling"). */
  retryAfterSeconds: number;
  /**
   * The chosen requests are held open, unanswered, until the faults are configured again (then
   * answered with `status`): a Graph call that hangs, as real Graph can be slow, so a test can
   * kill its caller while the request is surely pending. Graph calls only: an upload URL's
   * fault is answered at once.
   */
  hold?: boolean;
}

export const FAULTS_OFF: Readonly<FaultConfig> = { rate: 0, status: 429, retryAfterSeconds: 1 };

/** The Graph SDK caps Retry-After at 180 s; a longer one would only stall a test. */
const MAX_RETRY_AFTER_S = 180;
/** A pattern longer than this is a typo: no test sends a million requests. */
const MAX_COUNT = 1_000_000;
const METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']);
const KEYS = new Set([
  'rate',
  'seed',
  'every',
  'next',
  'limit',
  'match',
  'status',
  'retryAfterSeconds',
  'hold',
]);
const USAGE =
  'Expected a JSON object with one of rate (0..1, optionally seed), every (n) or next (k), ' +
  'and optionally limit, match { method, path }, status (429 or 503), retryAfterSeconds and hold.';

const isWhole = (v: unknown, min: number, max: number): v is number =>
  typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max;

function parseMatch(value: unknown): FaultMatch | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw badRequest('match must be an object { method, path }.');
  const { method, path, ...rest } = value as Record<string, unknown>;
  if (Object.keys(rest).length > 0)
    throw badRequest(`match takes only method and path, not ${Object.keys(rest).join(', ')}.`);
  const upper = typeof method === 'string' ? method.toUpperCase() : method;
  if (upper !== undefined && !(typeof upper === 'string' && METHODS.has(upper)))
    throw badRequest(`match.method must be one of ${[...METHODS].join(', ')}.`);
  if (path !== undefined && !(typeof path === 'string' && /^\/.{0,399}$/.test(path)))
    throw badRequest('match.path must be a path prefix starting with /, such as "/sites/".');
  return {
    ...(upper === undefined ? {} : { method: upper as string }),
    ...(path === undefined ? {} : { path: path as string }),
  };
}

/** Validates a whole configuration; throws a 400 naming the first thing wrong. */
export function parseFaultConfig(input: unknown): FaultConfig {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) throw badRequest(USAGE);
  const body = input as Record<string, unknown>;
  const unknown = Object.keys(body).filter((k) => !KEYS.has(k));
  if (unknown.length > 0) throw badRequest(`Unknown fault setting ${unknown.join(', ')}. ${USAGE}`);
  const modes = ['rate', 'every', 'next'].filter((k) => body[k] !== undefined);
  if (modes.length > 1)
    throw badRequest(`Give one of rate, every or next, not ${modes.join(' and ')}.`);
  const { rate, seed, every, next, limit } = body;
  const status = body.status ?? FAULTS_OFF.status;
  const retryAfterSeconds = body.retryAfterSeconds ?? FAULTS_OFF.retryAfterSeconds;
  if (rate !== undefined && !(typeof rate === 'number' && rate >= 0 && rate <= 1))
    throw badRequest('rate must be a number from 0 to 1.');
  if (seed !== undefined && rate === undefined) throw badRequest('seed goes with rate.');
  if (seed !== undefined && !isWhole(seed, 0, 0xffffffff))
    throw badRequest('seed must be a whole number from 0 to 4294967295.');
  if (every !== undefined && !isWhole(every, 1, MAX_COUNT))
    throw badRequest(`every must be a whole number from 1 to ${MAX_COUNT}.`);
  if (next !== undefined && !isWhole(next, 0, MAX_COUNT))
    throw badRequest(`next must be a whole number from 0 to ${MAX_COUNT}.`);
  if (limit !== undefined && rate === undefined && every === undefined)
    throw badRequest('limit goes with rate or every.');
  if (limit !== undefined && !isWhole(limit, 0, MAX_COUNT))
    throw badRequest(`limit must be a whole number from 0 to ${MAX_COUNT}.`);
  if (status !== 429 && status !== 503) throw badRequest('status must be 429 or 503.');
  if (
    typeof retryAfterSeconds !== 'number' ||
    !(retryAfterSeconds >= 0 && retryAfterSeconds <= MAX_RETRY_AFTER_S)
  ) {
    throw badRequest(`retryAfterSeconds must be a number from 0 to ${MAX_RETRY_AFTER_S}.`);
  }
  const match = parseMatch(body.match);
  if (body.hold !== undefined && typeof body.hold !== 'boolean')
    throw badRequest('hold must be true or false.');
  return {
    ...(modes.length === 0 ? { rate: 0 } : {}),
    ...(rate === undefined ? {} : { rate }),
    ...(seed === undefined ? {} : { seed }),
    ...(every === undefined ? {} : { every }),
    ...(next === undefined ? {} : { next }),
    ...(limit === undefined ? {} : { limit }),
    ...(match ? { match } : {}),
    ...(body.hold === true ? { hold: true } : {}),
    status,
    retryAfterSeconds,
  };
}
