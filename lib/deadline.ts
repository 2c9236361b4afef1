/**
 * The time a mail may take, and the signal that carries it down to every awaited call. The
 * pipeline runs each stage inside `withSignal`; the Graph client, the retry policy and the storage
 * calls read `currentSignal()` instead of threading a parameter through every function, so an
 * overrun stage really stops its HTTP requests and sleeps instead of running on in the background.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { TransientError } from './errors';

/** host.json `functionTimeout`: the host kills an invocation still running after this. */
export const FUNCTION_TIMEOUT_MS = 5 * 60_000;

/**
 * Kept back from the function timeout so that, once the mail's deadline fires, the pipeline still
 * has time to log its `mail.processed` event and hand the verdict to the queue. A mail killed by
 * the host leaves no log and comes back with no reason given.
 */
export const CLEANUP_MARGIN_MS = 30_000;

/** The whole budget of one mail, all stages together. */
export const MAIL_DEADLINE_MS = FUNCTION_TIMEOUT_MS - CLEANUP_MARGIN_MS;

/** The code an aborted call surfaces with: the same the runner gives a stage that overran. */
export const ABORT_CODE = 'stage-timeout';

const store = new AsyncLocalStorage<AbortSignal>();

/** Runs `work` so that every call it awaits sees `signal` through `currentSignal()`. */
export function withSignal<T>(signal: AbortSignal, work: () => Promise<T>): Promise<T> {
  return store.run(signal, work);
}

/** The signal of the stage being run, if any (none in CLIs and most unit tests). */
export function currentSignal(): AbortSignal | undefined {
  return store.getStore();
}

/** The error a call raises once its signal has fired: transient, so the queue retries the mail. */
export function abortedError(cause?: unknown): TransientError {
  return new TransientError(ABORT_CODE, 'aborted: the stage or the mail ran out of time', {
    cause,
  });
}

/** Throws `abortedError` when the signal (by default the current one) has already fired. */
export function throwIfAborted(signal: AbortSignal | undefined = currentSignal()): void {
  if (signal?.aborted) throw abortedError(signal.reason);
}

/**
 * Sleeps through `sleep` (real or a test's fake), ending early with `abortedError` once the
 * current signal fires: a stage out of time must not wait on for a retry or a pace.
 */
export async function sleepUnlessAborted(
  sleep: (ms: number, signal?: AbortSignal) => Promise<unknown>,
  ms: number,
): Promise<void> {
  const signal = currentSignal();
  throwIfAborted(signal);
  try {
    await sleep(ms, signal);
  } catch (err) {
    throw signal?.aborted ? abortedError(signal.reason) : err;
  }
  throwIfAborted(signal);
}
