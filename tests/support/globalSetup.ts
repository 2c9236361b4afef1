/**
 * Starts the test stack once for the whole jest run (see tests/support/stack.ts) and exports its
 * settings through process.env, which jest copies into every test environment.
 */
import { existsSync } from 'node:fs';
import { type Server, createServer } from 'node:net';
import { join, resolve } from 'node:path';

import { ensureLocalCert } from '../../dev/certs';
import { withLocalSecrets } from '../../dev/secrets';
import { REPO_ROOT } from '../../dev/settings';
import { type ServiceName, type Stack, startStack } from '../../dev/stack';
import { portFree } from '../../dev/stack/probe';
import { START_TEST_PORTS, TEST_PORTS, portOffset, testSettings } from './stack';

/** What globalTeardown finds on globalThis (the same process, another module registry). */
export const RUN_KEY = '__helpdeskTestRun';
export interface TestRun {
  lock: Server;
  stack?: Stack;
}

// Held open for the whole run: whoever listens on LOCK_PORT + offset owns that block of ports.
// The kernel makes taking it atomic and frees it when this process dies, however it dies.
const LOCK_PORT = 17070;

/** An error jest prints as this one line, without the setup's own stack trace. */
function oneLine(message: string): Error {
  const err = new Error(message);
  err.stack = message;
  return err;
}

function tryListen(port: number): Promise<Server | undefined> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(undefined));
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}

/**
 * Several people (or agents) may run the suite on one machine at once: take the block of test
 * ports of the first offset (0, 100, ... 900) whose lock is free and whose ports are unused, and
 * hand the offset on through process.env. TEST_STACK_PORT_OFFSET pins one offset.
 */
async function lockPortBlock(): Promise<Server> {
  const pinned = process.env.TEST_STACK_PORT_OFFSET?.trim();
  const offsets = pinned ? [portOffset()] : Array.from({ length: 10 }, (_, i) => i * 100);
  const ports = [...Object.values(TEST_PORTS), ...Object.values(START_TEST_PORTS)];
  for (const offset of offsets) {
    const lock = await tryListen(LOCK_PORT + offset);
    if (!lock) continue;
    const free = await Promise.all(ports.map((port) => portFree(port + offset)));
    if (!free.every(Boolean)) {
      lock.close();
      continue;
    }
    lock.unref();
    process.env.TEST_STACK_PORT_OFFSET = String(offset);
    if (offset > 0) console.log(`test stack: default test ports busy, using offset ${offset}`);
    return lock;
  }
  throw oneLine(
    pinned
      ? `test stack: the ports of TEST_STACK_PORT_OFFSET=${pinned} are in use (another test run?)`
      : 'test stack: no free block of test ports at offsets 0-900',
  );
}

export default async function globalSetup(): Promise<void> {
  const { certFile } = await ensureLocalCert();
  const trusted = process.env.NODE_EXTRA_CA_CERTS;
  if (!trusted || resolve(REPO_ROOT, trusted) !== certFile) {
    throw oneLine(
      `test stack: NODE_EXTRA_CA_CERTS must name ${certFile} (Node reads it at start): run npm test`,
    );
  }
  const run: TestRun = { lock: await lockPortBlock() };
  (globalThis as Record<string, unknown>)[RUN_KEY] = run;
  const settings = await withLocalSecrets(testSettings());
  const services: ServiceName[] = ['azurite', 'cosmos'];
  // The simulator is written alongside this stack; until it exists the rest must still run.
  if (existsSync(join(REPO_ROOT, 'dev', 'graph-sim', 'main.ts'))) services.push('graph-sim');
  else console.warn('test stack: dev/graph-sim/main.ts not found, Graph simulator not started');

  const started = Date.now();
  try {
    run.stack = await startStack({
      settings,
      mode: 'test',
      quiet: !process.env.TEST_STACK_VERBOSE,
      services,
    });
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    throw oneLine(`test stack: ${message} (TEST_STACK_VERBOSE=1 shows the stack's output)`);
  }
  Object.assign(process.env, settings, { DEV_SETTINGS_FILE: 'local.settings.example.json' });
  if (process.env.TEST_STACK_VERBOSE) {
    console.log(`test stack: ${services.join(', ')} ready in ${Date.now() - started} ms`);
  }
}
