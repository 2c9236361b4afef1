/**
 * The local Functions host: serves the same FunctionDefinitions that functions/index.ts registers
 * with @azure/functions in Azure, with the trigger semantics of the real host (see http.ts,
 * queue.ts, timer.ts). Core Tools cannot be installed in every environment this project runs in,
 * so this stands in for `func start`.
 */
import type { AddressInfo } from 'node:net';

import type { FunctionDefinition } from '../../functions/definition';
import { disabledSetting, isDisabled } from './disabled';
import type { HostConfig } from './hostJson';
import { type HttpFunction, createHttpTrigger } from './http';
import { type HostLogger, InFlight, consoleLogger } from './invocation';
import { QueueListener } from './queue';
import { TimerSchedule } from './timer';

export { parseHostJson, readHostJson, type HostConfig } from './hostJson';
export { consoleLogger, silentLogger, type HostLogger } from './invocation';

export interface HostOptions {
  definitions: readonly FunctionDefinition[];
  config: HostConfig;
  /** App settings (connection strings, LOCAL_FUNCTION_KEY, MAIL_MAX_BYTES, ...). */
  settings: Record<string, string>;
  /** Default: FUNCTIONS_PORT, else 7071. 0 picks a free port (tests). */
  port?: number;
  /** Default 127.0.0.1: the local host is never reachable from other machines. */
  hostname?: string;
  logger?: HostLogger;
  /** How long a received queue message stays leased while its handler runs (renewed). */
  queueLeaseSeconds?: number;
  /** How long stop() waits for running invocations before closing anyway. */
  drainTimeoutMs?: number;
}

export interface RunningHost {
  /** e.g. http://localhost:7071 */
  url: string;
  port: number;
  /** Stops triggers, waits (bounded) for running invocations, closes the server. Idempotent. */
  stop(): Promise<void>;
}

export const DEFAULT_QUEUE_LEASE_SECONDS = 30;
const DEFAULT_DRAIN_MS = 10_000;

export async function startFunctionsHost(options: HostOptions): Promise<RunningHost> {
  const { definitions, config, settings } = options;
  const logger = options.logger ?? consoleLogger;
  const inFlight = new InFlight();
  const leaseSeconds = options.queueLeaseSeconds ?? DEFAULT_QUEUE_LEASE_SECONDS;
  if (!Number.isInteger(leaseSeconds) || leaseSeconds < 3 || leaseSeconds > 600) {
    // Renewal happens every third of the lease; under 3 s that is a request per second per message.
    throw new Error(`queue lease must be 3..600 seconds, got ${leaseSeconds}`);
  }
  const names = new Set<string>();
  for (const d of definitions) {
    if (names.has(d.name)) throw new Error(`function '${d.name}' is defined twice`);
    names.add(d.name);
    if (d.options.extraOutputs?.length || d.options.extraInputs?.length) {
      logger('warning', `[${d.name}] extra inputs/outputs are not emulated by the local host`);
    }
  }

  // Everything is constructed (and validated) before anything starts, so a bad schedule or a
  // missing connection fails the start instead of leaving half a host running.
  const http: HttpFunction[] = [];
  const listeners: QueueListener[] = [];
  const timers: TimerSchedule[] = [];
  for (const d of definitions) {
    if (d.trigger === 'http') http.push(d);
    else if (d.trigger === 'storageQueue') {
      const listener = new QueueListener({
        ...d,
        queues: config.queues,
        settings,
        logger,
        inFlight,
        leaseSeconds,
      });
      // Built all the same, so a disabled function's bad connection still fails the start.
      if (!isDisabled(settings, d.name)) listeners.push(listener);
    } else timers.push(new TimerSchedule({ ...d, settings, logger, inFlight }));
  }
  const server = createHttpTrigger({
    functions: http,
    routePrefix: config.routePrefix,
    settings,
    logger,
    inFlight,
    runners: new Map(
      timers.map((t) => [
        t.name,
        { run: () => t.runNow(), disabled: isDisabled(settings, t.name) },
      ]),
    ),
  });

  const port = options.port ?? Number(settings.FUNCTIONS_PORT || 7071);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, options.hostname ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  // Triggers start once the port is ours: a host that cannot listen consumes no messages.
  // A disabled function's trigger never starts (its HTTP route is refused in http.ts).
  for (const d of definitions) {
    if (isDisabled(settings, d.name)) {
      logger('information', `[${d.name}] disabled by ${disabledSetting(d.name)}: not triggered`);
    }
  }
  for (const listener of listeners) listener.start();
  for (const timer of timers) if (!isDisabled(settings, timer.name)) timer.start();
  const bound = (server.address() as AddressInfo).port;

  let stopping: Promise<void> | undefined;
  const stop = async (): Promise<void> => {
    for (const timer of timers) timer.stop();
    const polling = Promise.all(listeners.map((l) => l.stop()));
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    const drained = await inFlight.below(0, options.drainTimeoutMs ?? DEFAULT_DRAIN_MS);
    if (!drained) logger('warning', `stopping with ${inFlight.count} invocation(s) still running`);
    server.closeAllConnections();
    // A listener still holding more than newBatchThreshold messages after a timed-out drain
    // would keep its loop waiting; its messages reappear once their lease ends.
    await Promise.race([polling, new Promise((resolve) => setTimeout(resolve, 1000).unref())]);
    await closed;
  };
  return {
    url: `http://localhost:${bound}`,
    port: bound,
    stop: () => (stopping ??= stop()),
  };
}
