/**
 * The local stack's supervisor: Azurite, the Cosmos server and the Graph simulator as separate
 * processes (started in parallel), then, on request, the seed, the functions host and the demo
 * mailbox's connection. Each is its own process group, so a test can kill the host and start it
 * again while storage keeps its state, and stop() leaves no process behind.
 */
import { ensureLocalCert } from '../certs';
import type { Settings } from '../settings';
import {
  type StackEnv,
  azuriteSpec,
  connectSpec,
  cosmosSpec,
  graphSimSpec,
  hostSpec,
  seedSpec,
} from './components';
import { type Component, allStarted, runTask, startComponent } from './process';

export type { Component } from './process';
export type { StackEnv } from './components';

export interface StackOptions {
  settings: Settings;
  /** 'dev': Azurite and the Graph simulator keep state under .local/; 'test': all in memory. */
  mode: 'dev' | 'test';
  /** Children's output is not printed (their last lines still appear in failures). */
  quiet?: boolean;
  /** Aborting stops the stack, also half-way through its start (Ctrl-C during start-up). */
  signal?: AbortSignal;
  /** The backing services to start; all three by default. */
  services?: readonly ServiceName[];
}

export type ServiceName = 'azurite' | 'cosmos' | 'graph-sim';

const SPECS = { azurite: azuriteSpec, cosmos: cosmosSpec, 'graph-sim': graphSimSpec };

export interface Stack {
  readonly env: StackEnv;
  /** The running components, in start order. */
  readonly components: readonly Component[];
  /** Runs dev/seed.ts against the stack (demo tenant). */
  seed(): Promise<void>;
  /** Connects the demo tenant's mailbox (dev/stack/connectMain.ts); needs a running host. */
  connectMailbox(): Promise<void>;
  /** Starts `tsx dev/host/main.ts`; `extra` is environment for this host only. */
  startHost(extra?: Record<string, string>): Promise<Component>;
  /** Stops everything still running: the host(s) first, then the services. Idempotent. */
  stop(): Promise<void>;
}

export async function startStack(options: StackOptions): Promise<Stack> {
  const { certFile, cert } = await ensureLocalCert();
  const env: StackEnv = { settings: options.settings, ca: cert, certFile, mode: options.mode };
  const cancel = new AbortController();
  const run = { quiet: options.quiet, signal: cancel.signal };
  const components: Component[] = [];

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> =>
    (stopping ??= (async () => {
      cancel.abort();
      const hosts = components.filter((c) => c.name === 'host');
      await Promise.all(hosts.map((c) => c.stop()));
      await Promise.all(components.filter((c) => c.name !== 'host').map((c) => c.stop()));
    })());

  options.signal?.addEventListener('abort', () => void stop(), { once: true });
  if (options.signal?.aborted) await stop();

  try {
    await allStarted(
      (options.services ?? (['azurite', 'cosmos', 'graph-sim'] as const)).map(async (name) => {
        const component = await startComponent(SPECS[name](env), run);
        components.push(component);
        return component;
      }),
    );
  } catch (err) {
    await stop();
    throw err;
  }

  return {
    env,
    components,
    seed: () => runTask(seedSpec(env), run),
    connectMailbox: () => runTask(connectSpec(env), run),
    startHost: async (extra) => {
      const host = await startComponent(hostSpec(env, extra), run);
      components.push(host);
      void host.exited.then(() => {
        const at = components.indexOf(host);
        if (at >= 0) components.splice(at, 1);
      });
      return host;
    },
    stop,
  };
}
