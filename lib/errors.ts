/**
 * The failure vocabulary of the service. A queue-triggered use case decides with it whether a
 * mail is retried by the queue (TransientError: Graph throttling, storage hiccups) or sent to the
 * poison queue at once (PermanentError: a mail that will never parse, a site without the schema).
 * Unknown errors are treated as transient: retrying is safe because every step is idempotent, and
 * after maxDequeueCount the host poisons the message anyway. Codes come from the closed list in
 * errorCodes.ts.
 */
import { type ErrorCode, isErrorCode } from './errorCodes';

export type { ErrorCode } from './errorCodes';

/** What both kinds share: a code from the closed list, and a message never logged as such. */
abstract class ServiceError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export class PermanentError extends ServiceError {
  readonly permanent = true as const;
  override name = 'PermanentError';
}

export class TransientError extends ServiceError {
  readonly transient = true as const;
  override name = 'TransientError';
}

/**
 * A programming error (a broken invariant, a stage used out of order): no redelivery can fix it,
 * so the pipeline poisons the mail at once, with its staged copy kept for `npm run replay` once
 * the code is fixed. Being a PermanentError, `isPermanent` and `errorCode` need no special case.
 */
export class PipelineBug extends PermanentError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('bug', message, options);
  }

  override name = 'PipelineBug';
}

/**
 * The tenant was erased (`tenant erase`, or its licence ended long ago): its tombstone forbids
 * creating a data key or staging mail for it, so an instance with a stale cache cannot bring its
 * data back. The door answers it as an unknown recipient (404).
 */
export class TenantErased extends PermanentError {
  constructor(message = 'tenant was erased') {
    super('tenant-erased', message);
  }

  override name = 'TenantErased';
}

/** Bad configuration: start-up stops and the message names the setting. */
export class ConfigError extends Error {
  constructor(
    readonly key: string,
    message: string,
  ) {
    super(`${key}: ${message}`);
    this.name = 'ConfigError';
  }
}

export function ensureError(value: unknown): Error {
  if (value instanceof Error) return value;
  let text: string;
  try {
    text = typeof value === 'string' ? value : JSON.stringify(value);
  } catch {
    text = String(value);
  }
  return new Error(`non-error thrown: ${text}`);
}

export function isPermanent(err: unknown): err is PermanentError {
  return err instanceof Error && (err as Partial<PermanentError>).permanent === true;
}

/**
 * A short, content-free code for logs: never the message, which may echo mail data. A foreign
 * error keeps its code or name when it is a known one, else its HTTP status, else `unknown`.
 */
export function errorCode(err: unknown): ErrorCode {
  if (err instanceof PermanentError || err instanceof TransientError) return err.code;
  const e = err as { code?: unknown; statusCode?: unknown; name?: unknown } | null;
  if (e && isErrorCode(e.code)) return e.code;
  if (e && typeof e.statusCode === 'number') return `http-${e.statusCode}`;
  return e && isErrorCode(e.name) ? e.name : 'unknown';
}
