/**
 * The budget's configuration (`PUT /_admin/budget`) and Microsoft's resource-unit figures
 * (docs/graph.md "Throttling"): per app per tenant, by the tenant's licence count.
 */
import { badRequest } from './errors';

export interface BudgetConfig {
  perMinute: number;
  perDay: number;
  /** Length of the "minute" window; shorter ones let tests see a window end. */
  windowSeconds: number;
  /** Time moves only through `POST /_admin/budget/advance`. */
  manualClock: boolean;
}

/**
 * Licence count tiers: [name, up to licences, RU per minute, RU per day]. The per-day figures and
 * the smallest tier's 1,250 a minute are Microsoft's; the larger tiers' minutes are unverified
 * (1,250 × the tier, as older copies of the page scale 1,200).
 */
export const TIERS: readonly [string, number, number, number][] = [
  ['small', 1_000, 1_250, 1_200_000],
  ['medium', 5_000, 2_500, 2_400_000],
  ['large', 15_000, 3_750, 3_600_000],
  ['xlarge', 50_000, 5_000, 4_800_000],
  ['xxlarge', Infinity, 6_250, 6_000_000],
];

const positiveInt = (v: unknown, max: number): v is number =>
  typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= max;

function tierLimits(body: Record<string, unknown>): [number, number] | undefined {
  const { tier, licenses } = body;
  if (tier !== undefined) {
    const t = TIERS.find(([name]) => name === tier);
    if (!t) throw badRequest(`tier must be one of ${TIERS.map(([n]) => n).join(', ')}.`);
    return [t[2], t[3]];
  }
  if (licenses !== undefined) {
    if (!positiveInt(licenses, 10_000_000))
      throw badRequest('licenses must be a whole number from 1 to 10,000,000.');
    const t = TIERS.find(([, upTo]) => licenses <= upTo);
    return t && [t[2], t[3]];
  }
  return undefined;
}

/** `{ "off": true }` (or `{}`) turns the budget off; anything invalid is refused whole. */
export function parseBudgetConfig(input: unknown): BudgetConfig | undefined {
  if (input === null || typeof input !== 'object' || Array.isArray(input))
    throw badRequest('The budget configuration must be a JSON object.');
  const body = input as Record<string, unknown>;
  const known = ['off', 'tier', 'licenses', 'perMinute', 'perDay', 'windowSeconds', 'manualClock'];
  const unknown = Object.keys(body).find((k) => !known.includes(k));
  if (unknown) throw badRequest(`Unknown budget option '${unknown}'.`);
  if (body.off === true || Object.keys(body).length === 0) return undefined;
  const [minute, day] = tierLimits(body) ?? [undefined, undefined];
  const perMinute = body.perMinute ?? minute;
  const perDay = body.perDay ?? day ?? Number.MAX_SAFE_INTEGER;
  // 10^9 RU: far above the largest tier, small enough to stay exact.
  if (!positiveInt(perMinute, 1e9) || !positiveInt(perDay, Number.MAX_SAFE_INTEGER))
    throw badRequest('Give a tier, licenses, or perMinute (and perDay) as whole numbers ≥ 1.');
  const windowSeconds = body.windowSeconds ?? 60;
  if (!positiveInt(windowSeconds, 3600))
    throw badRequest('windowSeconds must be a whole number from 1 to 3600.');
  if (body.manualClock !== undefined && typeof body.manualClock !== 'boolean')
    throw badRequest('manualClock must be true or false.');
  return { perMinute, perDay, windowSeconds, manualClock: body.manualClock === true };
}
