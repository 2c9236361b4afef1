/**
 * How each component of the local stack is launched (see docs/architecture.md "Local stack"). Node children
 * run TypeScript through `node --import tsx` rather than the tsx CLI: one process per component,
 * so a signal reaches the code itself and a killed host leaves nothing behind.
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

import { REPO_ROOT, type Settings, portOf } from '../settings';
import type { ComponentSpec, TaskSpec } from './process';
import { httpProbe, tcpProbe } from './probe';

export interface StackEnv {
  settings: Settings;
  /** PEM of the stack's certificate, for the supervisor's own probes. */
  ca: string;
  /** Its file, given to every child as NODE_EXTRA_CA_CERTS. */
  certFile: string;
  /** 'dev' keeps state under .local/ (npm start); 'test' keeps everything in memory. */
  mode: 'dev' | 'test';
}

/** Where 'dev' state lives: .local/, or DEV_STATE_DIR (a test of npm start uses a temp dir). */
export function stateDir(): string {
  const custom = process.env.DEV_STATE_DIR?.trim();
  return custom ? resolve(REPO_ROOT, custom) : join(REPO_ROOT, '.local');
}

export function childEnv(env: StackEnv, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  // Test children read the committed example settings, never a developer's local.settings.json.
  const pin = env.mode === 'test' ? { DEV_SETTINGS_FILE: 'local.settings.example.json' } : {};
  return { ...process.env, ...env.settings, NODE_EXTRA_CA_CERTS: env.certFile, ...pin, ...extra };
}

const tsx = (file: string): { command: string; args: string[] } => ({
  command: process.execPath,
  args: ['--import', 'tsx', join(REPO_ROOT, file)],
});

export function azuriteSpec(env: StackEnv): ComponentSpec {
  const { settings } = env;
  const blob = portOf(settings, 'AZURITE_BLOB_PORT');
  const queue = portOf(settings, 'AZURITE_QUEUE_PORT');
  const table = portOf(settings, 'AZURITE_TABLE_PORT');
  let storage: string[];
  if (env.mode === 'dev') {
    const location = join(stateDir(), 'azurite');
    mkdirSync(location, { recursive: true });
    storage = ['--location', location];
  } else {
    // --inMemoryPersistence and --location cannot be combined; in memory the workspace is unused.
    storage = ['--inMemoryPersistence'];
  }
  return {
    name: 'azurite',
    // The CLI script run by our own node binary, not require('azurite'): its own process.
    command: process.execPath,
    args: [
      join(REPO_ROOT, 'node_modules', '.bin', 'azurite'),
      '--disableTelemetry',
      '--skipApiVersionCheck',
      '--loose',
      '--silent',
      ...['--blobHost', '127.0.0.1', '--blobPort', String(blob)],
      ...['--queueHost', '127.0.0.1', '--queuePort', String(queue)],
      ...['--tableHost', '127.0.0.1', '--tablePort', String(table)],
      ...storage,
    ],
    env: childEnv(env),
    ports: [blob, queue, table],
    ready: tcpProbe([blob, queue, table]),
    readyTimeoutMs: 30_000,
  };
}

/** dev: the Cosmos state survives restarts (beside Azurite's); test: in memory only. */
function cosmosEnv(env: StackEnv): NodeJS.ProcessEnv {
  const base = childEnv(env);
  if (env.mode === 'dev') base.COSMOS_STATE = join(stateDir(), 'cosmos.json');
  else delete base.COSMOS_STATE;
  return base;
}

export function cosmosSpec(env: StackEnv): ComponentSpec {
  const port = portOf(env.settings, 'COSMOS_PORT');
  return {
    name: 'cosmos',
    ...tsx('dev/stack/cosmos.ts'),
    env: cosmosEnv(env),
    ports: [port],
    ready: httpProbe(`https://localhost:${port}/`, { ca: env.ca }),
    readyTimeoutMs: 30_000,
  };
}

export function graphSimSpec(env: StackEnv): ComponentSpec {
  const port = portOf(env.settings, 'GRAPH_SIM_PORT');
  const base = childEnv(env);
  // dev: the simulator's state survives restarts; test: none, and a developer's export of the
  // variable must not leak in.
  if (env.mode === 'dev') base.GRAPH_SIM_STATE = join(stateDir(), 'graph-sim.json');
  else delete base.GRAPH_SIM_STATE;
  return {
    name: 'graph-sim',
    ...tsx('dev/graph-sim/main.ts'),
    env: base,
    ports: [port],
    ready: httpProbe(`https://localhost:${port}/_admin/health`, {
      ca: env.ca,
      accept: (status) => status === 200,
    }),
    readyTimeoutMs: 30_000,
  };
}

/** `extra`: environment for this host only (e.g. DEV_HOST_FUNCTIONS, a short queue lease). */
export function hostSpec(env: StackEnv, extra: Record<string, string> = {}): ComponentSpec {
  const childSettings = childEnv(env, extra);
  const port = Number(childSettings.FUNCTIONS_PORT);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new Error(`FUNCTIONS_PORT: '${childSettings.FUNCTIONS_PORT ?? ''}' is not a TCP port`);
  }
  return {
    name: 'host',
    ...tsx('dev/host/main.ts'),
    env: childSettings,
    ports: [port],
    ready: httpProbe(`http://127.0.0.1:${port}/`),
    // The host imports every function (and their SDKs) through tsx on start: slow on 2 cores.
    readyTimeoutMs: 60_000,
    // Beyond the host's own 10 s drain of running invocations (dev/host/index.ts).
    stopGraceMs: 15_000,
  };
}

/** dev/seed.ts in a child, where NODE_EXTRA_CA_CERTS makes the stack's https trusted. */
export function seedSpec(env: StackEnv): TaskSpec {
  return { name: 'seed', ...tsx('dev/stack/seedMain.ts'), env: childEnv(env), timeoutMs: 120_000 };
}

/**
 * Connects the demo tenant's mailbox (dev/stack/connectMain.ts), also in a child for the
 * certificate. Only once the host is up: creating the subscription makes the simulator call the
 * host's notify function to validate it.
 */
export function connectSpec(env: StackEnv): TaskSpec {
  const run = tsx('dev/stack/connectMain.ts');
  return { name: 'mailbox', ...run, env: childEnv(env), timeoutMs: 60_000 };
}
