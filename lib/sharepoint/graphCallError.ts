/**
 * One type for a failed Graph call, and the questions callers ask of a failure (isNotFound…), so
 * no caller compares code strings or casts an unknown error to read one.
 */
import { type ErrorCode, PermanentError, TransientError } from '../errors';

/** What we keep of a failed Graph call; all of it is safe to log. */
export interface GraphFailure {
  /** HTTP status, or -1 when no response came back (network, token acquisition). */
  status: number;
  /** Graph's `error.code` (e.g. itemNotFound); for a thrown client error, its name. */
  graphCode: string;
  /** Graph's request-id, what Microsoft support asks for. */
  requestId?: string;
}

/**
 * A failed Graph call: a PermanentError or a TransientError (so `isPermanent`, `errorCode` and
 * the queue treat it like any other), with what Graph said about it.
 */
export type GraphCallError = (PermanentError | TransientError) & Readonly<GraphFailure>;

const graphCallErrors = new WeakSet<Error>();

export function isGraphCallError(err: unknown): err is GraphCallError {
  return err instanceof Error && graphCallErrors.has(err);
}

/** A GraphCallError; `permanent` decides whether the queue retries the mail. */
export function graphCallError(
  permanent: boolean,
  code: ErrorCode,
  message: string,
  failure: GraphFailure,
): GraphCallError {
  const base = permanent ? new PermanentError(code, message) : new TransientError(code, message);
  const err = Object.assign(base, failure);
  graphCallErrors.add(err);
  return err;
}

/** The code of one of our errors (a Graph call's included), else undefined. */
function codeOf(err: unknown): ErrorCode | undefined {
  return err instanceof PermanentError || err instanceof TransientError ? err.code : undefined;
}

/** 404: the item, list or site is not there (any more). */
export const isNotFound = (err: unknown): boolean => codeOf(err) === 'graph-not-found';
/** 429 past the retry budget: the queue retries later. */
export const isThrottled = (err: unknown): boolean => codeOf(err) === 'graph-throttled';
/** SharePoint refused a value already taken in a unique column. */
export const isUniqueViolation = (err: unknown): boolean =>
  codeOf(err) === 'graph-unique-violation';
/** 412: an If-Match write found the item changed since it was read. */
export const isPreconditionFailed = (err: unknown): boolean => codeOf(err) === 'graph-http-412';
/** Any other 400: a field value or a lookup id the list refused. */
export const isBadRequest = (err: unknown): boolean => codeOf(err) === 'graph-http-400';
/** 409: a name or value already there. */
export const isConflict = (err: unknown): boolean => codeOf(err) === 'graph-conflict';
