/**
 * Readers behind loadConfig (config.ts): each turns one environment value into a typed setting,
 * or stops start-up with a ConfigError naming the key.
 */
import { ConfigError } from './errors';

/**
 * Azure regions in EU member states. The service promises customers that what it keeps stays in
 * the EU, so anything else is refused (Norway, Switzerland and the UK are European but not EU).
 */
export const EU_REGIONS: ReadonlySet<string> = new Set([
  'westeurope',
  'northeurope',
  'francecentral',
  'francesouth',
  'germanywestcentral',
  'germanynorth',
  'swedencentral',
  'swedensouth',
  'italynorth',
  'polandcentral',
  'spaincentral',
  'belgiumcentral',
  'austriaeast',
]);

export type Env = Record<string, string | undefined>;

export function required(env: Env, key: string): string {
  const value = env[key]?.trim();
  if (!value) throw new ConfigError(key, 'is required but not set');
  return value;
}

export function httpsUrl(env: Env, key: string, protocols = ['https:']): string {
  const value = required(env, key);
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(key, 'is not a URL');
  }
  if (!protocols.includes(url.protocol)) throw new ConfigError(key, 'must be an https URL');
  return value.replace(/\/+$/, '');
}

/** Whole positive integer with an explicit upper bound: 0, NaN or junk never silently disable a limit. */
export function positiveInt(env: Env, key: string, fallback: number, max: number): number {
  const raw = env[key]?.trim();
  if (!raw) return fallback;
  if (!/^\d+$/.test(raw)) throw new ConfigError(key, 'must be a whole number');
  const n = Number(raw);
  if (n < 1 || n > max) throw new ConfigError(key, `must be between 1 and ${max}`);
  return n;
}

/** OUTBOX_SETTLE_MS: unset, the outbox's default; 0 allowed (positiveInt refuses it). */
export function settleMs(env: Env): number | undefined {
  const raw = env.OUTBOX_SETTLE_MS?.trim();
  if (!raw) return undefined;
  return raw === '0' ? 0 : positiveInt(env, 'OUTBOX_SETTLE_MS', 1, 600_000);
}

/** Optional `user:password` (HTTP basic auth): unset is undefined; both parts must be there. */
export function basicCredentials(env: Env, key: string): string | undefined {
  const raw = env[key]?.trim();
  if (!raw) return undefined;
  const colon = raw.indexOf(':');
  if (colon < 1 || colon === raw.length - 1) throw new ConfigError(key, 'must be user:password');
  return raw;
}

export function dataRegion(env: Env): string {
  const region = required(env, 'DATA_REGION').toLowerCase();
  if (!EU_REGIONS.has(region)) {
    throw new ConfigError('DATA_REGION', `'${region}' is not an EU Azure region`);
  }
  return region;
}
