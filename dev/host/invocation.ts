/**
 * What every trigger shares: the InvocationContext a handler receives, the host-style
 * "Executing/Executed" log lines, and the count of running invocations that a graceful stop waits
 * for.
 */
import { randomUUID } from 'node:crypto';
import { format } from 'node:util';

import { InvocationContext, type LogLevel, type TriggerMetadata } from '@azure/functions';

import { ensureError } from '../../lib/errors';

export type HostLogger = (level: LogLevel, message: string) => void;

export const consoleLogger: HostLogger = (level, message) => {
  if (level === 'error' || level === 'critical') console.error(message);
  else if (level === 'warning') console.warn(message);
  else if (level !== 'trace' && level !== 'debug' && level !== 'none') console.log(message);
};

export const silentLogger: HostLogger = () => undefined;

/** Running invocations, so that stop() can let them finish. */
export class InFlight {
  #count = 0;
  #waiters = new Set<() => void>();

  get count(): number {
    return this.#count;
  }

  async track<T>(work: () => Promise<T>): Promise<T> {
    this.#count += 1;
    try {
      return await work();
    } finally {
      this.#count -= 1;
      for (const wake of this.#waiters) wake();
    }
  }

  /** Resolves once the count is at most `limit`; true when it got there, false on timeout. */
  async below(limit: number, timeoutMs = Infinity): Promise<boolean> {
    if (this.#count <= limit) return true;
    return new Promise((resolve) => {
      let timer: NodeJS.Timeout | undefined;
      const wake = (): void => {
        if (this.#count > limit) return;
        this.#waiters.delete(wake);
        clearTimeout(timer);
        resolve(true);
      };
      if (Number.isFinite(timeoutMs)) {
        timer = setTimeout(() => {
          this.#waiters.delete(wake);
          resolve(false);
        }, timeoutMs);
      }
      this.#waiters.add(wake);
    });
  }
}

export interface TriggerInfo {
  /** The function.json binding type, e.g. "queueTrigger". */
  type: 'httpTrigger' | 'queueTrigger' | 'timerTrigger';
  /** The binding name the Node library uses for the trigger input. */
  name: string;
  [option: string]: unknown;
}

export function newContext(
  functionName: string,
  trigger: TriggerInfo,
  logger: HostLogger,
  triggerMetadata?: TriggerMetadata,
): InvocationContext {
  return new InvocationContext({
    invocationId: randomUUID(),
    functionName,
    triggerMetadata,
    options: { trigger },
    logHandler: (level, ...args) => logger(level, `[${functionName}] ${format(...args)}`),
  });
}

export type Outcome = { ok: true; value: unknown } | { ok: false; error: Error };

/**
 * Calls a handler the way the host does: logs start and end with the duration, and turns a throw
 * (or a rejected promise) into a failed outcome. The error's stack goes to the host's own console
 * only, never to whoever triggered the function.
 */
export async function invoke(
  context: InvocationContext,
  reason: string,
  logger: HostLogger,
  call: () => unknown,
): Promise<Outcome> {
  const name = `Functions.${context.functionName}`;
  const id = context.invocationId;
  logger('information', `Executing '${name}' (Reason='${reason}', Id=${id})`);
  const started = Date.now();
  let outcome: Outcome;
  try {
    outcome = { ok: true, value: await call() };
  } catch (err) {
    outcome = { ok: false, error: ensureError(err) };
  }
  const duration = `Duration=${Date.now() - started}ms`;
  if (outcome.ok) {
    logger('information', `Executed '${name}' (Succeeded, Id=${id}, ${duration})`);
  } else {
    const detail = outcome.error.stack ?? `${outcome.error.name}: ${outcome.error.message}`;
    logger('error', `Executed '${name}' (Failed, Id=${id}, ${duration})\n${detail}`);
  }
  return outcome;
}

/** One line for the host log: an SDK error's code and first message line, no stack. */
export function describeError(err: unknown): string {
  const e = err as { code?: unknown; statusCode?: unknown; message?: unknown } | null;
  const code = typeof e?.code === 'string' ? e.code : e?.statusCode;
  const message = typeof e?.message === 'string' ? (e.message.split('\n')[0] ?? '') : String(err);
  return code === undefined ? message : `${String(code)} ${message}`;
}
