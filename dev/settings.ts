/**
 * Settings of the local stack, read the way Core Tools reads them: the `Values` of
 * local.settings.json (or of the committed local.settings.example.json when a developer has none),
 * with the process environment winning, as app settings do in Azure.
 *
 * The `*_PORT` settings are the single source of the local ports: when one is overridden
 * (environment, or the test stack), every localhost URL in the other settings that named the old
 * port follows it, so `COSMOS_PORT=9081 npm start` does not leave COSMOS_ENDPOINT on 8081.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

import { ConfigError } from '../lib/errors';

export type Settings = Record<string, string>;

export const REPO_ROOT = resolve(__dirname, '..');

export const PORT_KEYS = [
  'FUNCTIONS_PORT',
  'GRAPH_SIM_PORT',
  'COSMOS_PORT',
  'AZURITE_BLOB_PORT',
  'AZURITE_QUEUE_PORT',
  'AZURITE_TABLE_PORT',
] as const;
export type PortKey = (typeof PORT_KEYS)[number];

/**
 * Where the stacks of the soak and the memory bench start their ports (one per PORT_KEYS entry,
 * plus the run's offset). Every fixed port of the project stays below 32768, where Linux's
 * ephemeral range begins: a port inside it can be taken at any moment as the local end of some
 * outgoing connection, and the soak once failed on "port 49072 is already in use".
 */
export const SOAK_PORT_BASE = 23071;
export const BENCH_MEMORY_PORT_BASE = 24071;

/** One port per PORT_KEYS entry, from `base` up, in PORT_KEYS order. */
export function portBlock(base: number): Record<PortKey, number> {
  return Object.fromEntries(PORT_KEYS.map((key, i) => [key, base + i])) as Record<PortKey, number>;
}

const isPortKey = (key: string): key is PortKey => (PORT_KEYS as readonly string[]).includes(key);

/** The `Values` of a local.settings*.json file. Core Tools wants strings; numbers are tolerated. */
export function readSettingsFile(file: string): Settings {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new Error(`${file}: cannot be read as JSON`, { cause: err });
  }
  const values = (parsed as { Values?: unknown } | null)?.Values;
  if (typeof values !== 'object' || values === null || Array.isArray(values)) {
    throw new Error(`${file}: has no "Values" object`);
  }
  const settings: Settings = {};
  for (const [key, value] of Object.entries(values)) {
    if (typeof value === 'string') settings[key] = value;
    else if (typeof value === 'number' || typeof value === 'boolean') settings[key] = String(value);
    else throw new Error(`${file}: Values.${key} must be a string`);
  }
  return settings;
}

/**
 * Moves local ports: sets the given `*_PORT` keys and rewrites `localhost`/`127.0.0.1` URLs that
 * used the old port. Keys in `keep` (set explicitly by the user) are left exactly as given.
 */
export function relocatePorts(
  settings: Settings,
  ports: Partial<Record<PortKey, string | number>>,
  keep: ReadonlySet<string> = new Set(),
): Settings {
  const out: Settings = { ...settings };
  const moves = new Map<string, string>();
  for (const key of PORT_KEYS) {
    const to = ports[key];
    if (to === undefined) continue;
    const from = settings[key];
    if (from !== undefined && from !== String(to)) moves.set(from, String(to));
    out[key] = String(to);
  }
  if (moves.size === 0) return out;
  const localUrlPort = /\b(localhost|127\.0\.0\.1|\[::1\]):(\d{1,5})\b/g;
  for (const [key, value] of Object.entries(out)) {
    if (keep.has(key) || isPortKey(key)) continue;
    out[key] = value.replace(localUrlPort, (match, host: string, port: string) => {
      const to = moves.get(port);
      return to === undefined ? match : `${host}:${to}`;
    });
  }
  return out;
}

/**
 * The settings file: DEV_SETTINGS_FILE when set (the test stack pins the example file, so a
 * developer's own settings never leak into tests), else local.settings.json, else the example.
 */
export function settingsFile(
  root = REPO_ROOT,
  env: Record<string, string | undefined> = process.env,
): string {
  const pinned = env.DEV_SETTINGS_FILE?.trim();
  if (pinned) return resolve(root, pinned);
  const own = join(root, 'local.settings.json');
  return existsSync(own) ? own : join(root, 'local.settings.example.json');
}

/**
 * The local stack's settings: the settings file's keys, each overridden by the environment when
 * set there. Only the file's keys are returned; a child process started with them still inherits
 * the rest of the environment.
 */
export function loadLocalSettings(
  env: Record<string, string | undefined> = process.env,
  root = REPO_ROOT,
): Settings {
  const fromFile = readSettingsFile(settingsFile(root, env));
  const explicit = new Set(Object.keys(fromFile).filter((key) => env[key] !== undefined));
  const merged: Settings = { ...fromFile };
  const ports: Partial<Record<PortKey, string>> = {};
  for (const key of explicit) {
    const value = env[key] as string;
    if (isPortKey(key)) ports[key] = value;
    else merged[key] = value;
  }
  return relocatePorts(merged, ports, explicit);
}

/** A port setting as a number; a ConfigError naming the key when it is not a port. */
export function portOf(settings: Settings, key: PortKey): number {
  const raw = settings[key];
  const port = Number(raw);
  if (!raw || !Number.isInteger(port) || port < 1 || port > 65535) {
    throw new ConfigError(key, `'${raw ?? ''}' is not a TCP port`);
  }
  return port;
}
