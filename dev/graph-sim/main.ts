/**
 * Runs the Graph simulator as its own process of the local stack: `tsx dev/graph-sim/main.ts`.
 * Environment: GRAPH_CLIENT_ID and GRAPH_CLIENT_SECRET (required: the one app registration it
 * accepts), GRAPH_SIM_PORT (default 7443), GRAPH_SIM_STATE (optional state file),
 * GRAPH_SIM_FAULT_RATE (0..1), GRAPH_SIM_FAULT_STATUS (429 or 503), GRAPH_SIM_FAULT_RETRY_AFTER
 * (seconds, default 1). Prints one line when listening; bad configuration is one line on stderr.
 */
import { resolve } from 'node:path';

import { ensureLocalCert } from '../certs';
import type { FaultConfig } from './faults';
import { type GraphSimulatorOptions, startGraphSimulator } from './server';

type Env = Record<string, string | undefined>;

function numberSetting(env: Env, key: string, fallback: number, min: number, max: number): number {
  const raw = env[key]?.trim();
  if (!raw) return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < min || n > max)
    throw new Error(`${key} must be a number from ${min} to ${max}, got '${raw}'`);
  return n;
}

function required(env: Env, key: string): string {
  const v = env[key]?.trim();
  if (!v) throw new Error(`${key} is required but not set`);
  return v;
}

export function readSettings(env: Env): Omit<GraphSimulatorOptions, 'cert' | 'key'> {
  const port = numberSetting(env, 'GRAPH_SIM_PORT', 7443, 0, 65535);
  if (!Number.isInteger(port))
    throw new Error(`GRAPH_SIM_PORT must be a whole number, got '${env.GRAPH_SIM_PORT}'`);
  const status = numberSetting(env, 'GRAPH_SIM_FAULT_STATUS', 429, 429, 503);
  if (status !== 429 && status !== 503)
    throw new Error(`GRAPH_SIM_FAULT_STATUS must be 429 or 503, got '${status}'`);
  const faults: FaultConfig = {
    rate: numberSetting(env, 'GRAPH_SIM_FAULT_RATE', 0, 0, 1),
    status,
    retryAfterSeconds: numberSetting(env, 'GRAPH_SIM_FAULT_RETRY_AFTER', 1, 0, 180),
  };
  const state = env.GRAPH_SIM_STATE?.trim();
  return {
    port,
    clientId: required(env, 'GRAPH_CLIENT_ID'),
    clientSecret: required(env, 'GRAPH_CLIENT_SECRET'),
    ...(state ? { stateFile: resolve(state) } : {}),
    faults,
  };
}

const oneLine = (err: unknown): string =>
  (err instanceof Error ? err.message : String(err)).replace(/\s+/g, ' ').trim();

async function main(): Promise<void> {
  const settings = readSettings(process.env);
  const { cert, key } = await ensureLocalCert();
  const sim = await startGraphSimulator({ ...settings, cert, key }).catch((err: unknown) => {
    const code = (err as { code?: string }).code;
    throw code === 'EADDRINUSE' ? new Error(`port ${settings.port} is already in use`) : err;
  });
  const state = settings.stateFile ? `, state in ${settings.stateFile}` : '';
  console.log(`graph-sim: listening on ${sim.url}${state}`);
  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    sim.close().then(
      () => process.exit(0),
      (err: unknown) => {
        console.error(`graph-sim: ${oneLine(err)}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

if (require.main === module) {
  main().catch((err: unknown) => {
    console.error(`graph-sim: ${oneLine(err)}`);
    process.exit(1);
  });
}
