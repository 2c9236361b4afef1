/**
 * `tsx dev/host/main.ts`: the local Functions host as a process of its own (the stack's and the
 * tests' way to run it, so a test can kill it and start it again while storage keeps its state).
 *
 * Settings: process environment over local.settings.json (else local.settings.example.json),
 * secrets left empty there generated into .local/ (dev/secrets.ts); PUBLIC_BASE_URL, when unset,
 * is this host's own URL. `AzureWebJobs.<name>.Disabled` and `LOCAL_MASTER_KEY` (see
 * dev/host/disabled.ts) are read from the environment too, though no settings file names them.
 * Dev-only knobs, read from the environment:
 *   DEV_HOST_FUNCTIONS            module exporting `definitions`, relative to the repo root
 *                                 (default functions/all; tests point it at their own functions)
 *   DEV_HOST_QUEUE_LEASE_SECONDS  queue message lease, default 30 (see dev/host/queue.ts)
 */
import { resolve } from 'node:path';

import type { FunctionDefinition } from '../../functions/definition';
import { loadConfig } from '../../lib/config';
import { ConfigError } from '../../lib/errors';
import { withLocalSecrets } from '../secrets';
import { REPO_ROOT, loadLocalSettings } from '../settings';
import { DEFAULT_QUEUE_LEASE_SECONDS, readHostJson, startFunctionsHost } from './index';

/** Settings a settings file need not list: in Azure every app setting is a variable. */
const FROM_ENVIRONMENT = /^(AzureWebJobs\.[^.]+\.Disabled|LOCAL_MASTER_KEY)$/;

function fail(message: string): never {
  console.error(`host: ${message}`);
  process.exit(1);
}

interface Hooks {
  start?: () => Promise<void>;
  stop?: () => Promise<void>;
}

async function loadFunctions(): Promise<{
  definitions: readonly FunctionDefinition[];
  hooks: Hooks;
}> {
  const custom = process.env.DEV_HOST_FUNCTIONS?.trim();
  const path = custom ? resolve(REPO_ROOT, custom) : resolve(REPO_ROOT, 'functions', 'all');
  const mod = (await import(path)) as { definitions?: unknown; hooks?: Hooks };
  if (!Array.isArray(mod.definitions)) fail(`${path} exports no 'definitions' array`);
  return { definitions: mod.definitions as readonly FunctionDefinition[], hooks: mod.hooks ?? {} };
}

async function main(): Promise<void> {
  const settings = await withLocalSecrets(loadLocalSettings());
  for (const [key, value] of Object.entries(process.env)) {
    if (FROM_ENVIRONMENT.test(key) && value !== undefined) settings[key] = value;
  }
  // Graph (locally the simulator) calls the mailbox functions back at the app's public address;
  // for a local host that is the host itself, unless a tunnel's address is set.
  settings.PUBLIC_BASE_URL ||= `http://localhost:${settings.FUNCTIONS_PORT || 7071}`;
  loadConfig(settings);
  // In Azure app settings are environment variables; the functions read them from there.
  Object.assign(process.env, settings);
  const { definitions, hooks } = await loadFunctions();
  // As Azure's worker does: the app's start hook runs before any trigger, its stop hook last.
  await hooks.start?.();
  const lease = process.env.DEV_HOST_QUEUE_LEASE_SECONDS?.trim();
  const host = await startFunctionsHost({
    definitions,
    config: readHostJson(),
    settings,
    queueLeaseSeconds: lease ? Number(lease) : DEFAULT_QUEUE_LEASE_SECONDS,
  });
  console.log(`host: ready at ${host.url} (${definitions.map((d) => d.name).join(', ')})`);

  let signals = 0;
  const shutdown = (signal: NodeJS.Signals): void => {
    signals += 1;
    if (signals > 1) process.exit(1); // a second Ctrl-C means "now"
    console.log(`host: ${signal}, stopping`);
    host
      .stop()
      .then(() => hooks.stop?.())
      .then(
        () => process.exit(0),
        () => process.exit(1),
      );
  };
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError) fail(err.message);
  const e = err as { code?: unknown; message?: unknown };
  if (e?.code === 'EADDRINUSE')
    fail(`port ${process.env.FUNCTIONS_PORT ?? 7071} is already in use`);
  // Anything else is a bug (say, in a function module): the developer needs the stack.
  console.error('host: failed to start:', err);
  process.exit(1);
});
