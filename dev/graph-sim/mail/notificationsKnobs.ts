/**
 * The notification knob of the admin API (`PUT /_admin/notifications`): which change
 * notifications are dropped or sent twice, and how late they go out. Drop and duplicate are rates
 * from 0 to 1 drawn from a seeded generator (../../seeded.ts), so a test sees the same fates for
 * the same sequence of events every run; `drop: 1` drops every one. A configuration replaces the
 * previous one whole: `{}` is the reset.
 */
import { badRequest } from '../errors';

export interface NotificationKnobs {
  drop: number;
  duplicate: number;
  delayMs: number;
  seed: number;
}

export const KNOBS_OFF: NotificationKnobs = { drop: 0, duplicate: 0, delayMs: 0, seed: 0 };

/** Graph's own delays are bounded by its retry window; ten minutes is plenty for a test. */
const MAX_DELAY_MS = 600_000;

function rate(body: Record<string, unknown>, name: 'drop' | 'duplicate'): number {
  const v = body[name] ?? 0;
  if (typeof v !== 'number' || !(v >= 0 && v <= 1))
    throw badRequest(`${name} must be from 0 to 1.`);
  return v;
}

export function parseKnobs(input: unknown): NotificationKnobs {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    throw badRequest('The notification knob is a JSON object.');
  }
  const body = input as Record<string, unknown>;
  const unknown = Object.keys(body).find((k) => !(k in KNOBS_OFF));
  if (unknown) throw badRequest(`Unknown notification knob ${unknown}.`);
  const delayMs = body.delayMs ?? 0;
  if (!Number.isInteger(delayMs) || (delayMs as number) < 0 || (delayMs as number) > MAX_DELAY_MS) {
    throw badRequest(`delayMs must be a whole number from 0 to ${MAX_DELAY_MS}.`);
  }
  const seed = body.seed ?? 0;
  if (!Number.isInteger(seed)) throw badRequest('seed must be a whole number.');
  return {
    drop: rate(body, 'drop'),
    duplicate: rate(body, 'duplicate'),
    delayMs: delayMs as number,
    seed: seed as number,
  };
}
