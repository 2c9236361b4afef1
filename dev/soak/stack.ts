/**
 * The soak's own stack (ports 23071... plus an offset, beside `npm start`, tests and benches):
 * the Graph simulator in memory, Azurite and the Cosmos server keeping their state in a temporary
 * directory (Azurite's --location, the Cosmos state file) so that each can be restarted mid-run
 * and find its queue, staged mail, logs, tenants and keys again, as in Azure.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { ensureLocalCert } from '../certs';
import { withLocalSecrets } from '../secrets';
import { REPO_ROOT, type Settings, portBlock, readSettingsFile, relocatePorts } from '../settings';
import {
  type StackEnv,
  azuriteSpec,
  cosmosSpec,
  graphSimSpec,
  hostSpec,
  seedSpec,
} from '../stack/components';
import { type Component, allStarted, runTask, startComponent } from '../stack/process';

export type Restartable = 'host' | 'azurite' | 'cosmos';

export interface SoakStack {
  settings: Settings;
  /** Stops `name` (SIGKILL for the host: a crash; SIGTERM for storage) and starts it again. */
  restart(name: Restartable): Promise<void>;
  stop(): Promise<void>;
}

/** A host lease shorter than the 30 s default: a killed host's mails come back sooner. */
const HOST_ENV = { DEV_HOST_QUEUE_LEASE_SECONDS: '10' };

export async function startSoakStack(portBase: number): Promise<SoakStack> {
  const example = readSettingsFile(join(REPO_ROOT, 'local.settings.example.json'));
  const settings = relocatePorts(withLocalSecrets(example), portBlock(portBase));
  const { certFile, cert } = await ensureLocalCert();
  const env: StackEnv = { settings, ca: cert, certFile, mode: 'test' };
  // 'dev' mode is what gives Azurite and Cosmos a state on disk; stateDir() reads the variable.
  const dir = mkdtempSync(join(tmpdir(), 'soak-'));
  const previous = process.env.DEV_STATE_DIR;
  process.env.DEV_STATE_DIR = dir;
  const specs = {
    azurite: () => azuriteSpec({ ...env, mode: 'dev' }),
    cosmos: () => cosmosSpec({ ...env, mode: 'dev' }),
    host: () => hostSpec(env, HOST_ENV),
  };
  const run = { quiet: !process.env.SOAK_VERBOSE };
  const running = new Map<string, Component>();
  const start = async (name: string, spec: () => Parameters<typeof startComponent>[0]) =>
    running.set(name, await startComponent(spec(), run));
  const stop = async (): Promise<void> => {
    await running.get('host')?.stop();
    await Promise.all([...running.values()].map((c) => c.stop()));
    running.clear();
    if (previous === undefined) delete process.env.DEV_STATE_DIR;
    else process.env.DEV_STATE_DIR = previous;
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await allStarted([
      start('azurite', specs.azurite),
      start('cosmos', specs.cosmos),
      start('graph-sim', () => graphSimSpec(env)),
    ]);
    await runTask(seedSpec(env), run);
    await start('host', specs.host);
  } catch (err) {
    await stop();
    throw err;
  }
  return {
    settings,
    async restart(name) {
      const component = running.get(name);
      if (name === 'host') await component?.kill();
      else await component?.stop();
      await start(name, specs[name]);
    },
    stop,
  };
}
