/**
 * Maps what the Graph SDK throws to the service's vocabulary (PermanentError: poison now,
 * TransientError: let the queue retry). The SDK's GraphError carries the server's message and the
 * whole error body (`body`), and Graph messages can echo what was sent (a field name, sometimes a
 * value), so neither is copied and the SDK error is not kept as `cause`: a mapped error carries an
 * operation label chosen by our code, the HTTP status, Graph's error code and the request-id.
 *
 * Callers ask what happened through the predicates of graphCallError.ts, not by comparing codes.
 */
import { type ErrorCode, PermanentError, TransientError } from '../errors';
import { type GraphCallError, type GraphFailure, graphCallError } from './graphCallError';
import { isPassingStatus } from './retry';

export type { GraphCallError, GraphFailure } from './graphCallError';

interface SdkErrorShape {
  statusCode?: unknown;
  code?: unknown;
  requestId?: unknown;
  message?: unknown;
  body?: unknown;
  name?: unknown;
}

// Graph error codes are identifiers; anything else is not copied into a message.
const SAFE_CODE = /^[A-Za-z][A-Za-z0-9_.-]{0,63}$/;
const SAFE_REQUEST_ID = /^[0-9A-Fa-f-]{1,64}$/;

export function graphFailureOf(err: unknown): GraphFailure {
  const e = (typeof err === 'object' && err !== null ? err : {}) as SdkErrorShape;
  const status = typeof e.statusCode === 'number' ? e.statusCode : -1;
  const rawCode = typeof e.code === 'string' ? e.code : typeof e.name === 'string' ? e.name : '';
  return {
    status,
    graphCode: SAFE_CODE.test(rawCode) ? rawCode : 'unknown',
    requestId:
      typeof e.requestId === 'string' && SAFE_REQUEST_ID.test(e.requestId)
        ? e.requestId
        : undefined,
  };
}

/**
 * SharePoint refuses a duplicate in an `enforceUniqueValues` column with 400 invalidRequest
 * "One or more fields with unique constraints already has the provided value." (what real Graph
 * returns: see the n8n SharePoint node and UK Export Finance's Graph tests, which match that exact
 * message). The message is read only to classify, never copied; callers that create items also
 * treat 409 and any other 400 as a possible duplicate and re-read (the message may be localised).
 */
const UNIQUE_MESSAGE = /unique constraint/i;

function uniqueRefusal(f: GraphFailure, err: unknown): boolean {
  const message = (err as SdkErrorShape | null)?.message;
  return f.status === 400 && typeof message === 'string' && UNIQUE_MESSAGE.test(message);
}

/** OAuth error names (RFC 6749 §5.2) meaning the token will not come by retrying. */
const REFUSED_TOKEN =
  /\b(invalid_client|unauthorized_client|invalid_scope|invalid_request|invalid_grant)\b/;
const TOKEN_ERROR_NAMES = new Set([
  'AuthenticationError',
  'AuthenticationRequiredError',
  'CredentialUnavailableError',
  'ClientAuthError',
]);

/** Token acquisition failed before Graph was called (the SDK wraps it with status -1). */
function tokenFailure(op: string, f: GraphFailure, err: unknown): GraphCallError {
  const e = err as SdkErrorShape | null;
  const text = `${typeof e?.message === 'string' ? e.message : ''} ${typeof e?.body === 'string' ? e.body : ''}`;
  const oauth = REFUSED_TOKEN.exec(text)?.[1];
  const aadsts = /AADSTS(\d{1,8})/.exec(text)?.[1];
  const detail = [oauth, aadsts && `AADSTS${aadsts}`].filter(Boolean).join(' ');
  if (oauth) {
    // Secret wrong or expired, app not consented in the customer tenant (AADSTS700016), unknown
    // tenant (AADSTS90002): an operator has to act; retrying within minutes cannot help.
    return graphCallError(true, 'graph-auth-refused', `${op}: token refused (${detail})`, f);
  }
  return graphCallError(false, 'graph-auth-unavailable', `${op}: no token (${f.graphCode})`, f);
}

/** The service error for a failed Graph call; `op` is a fixed label such as "create ticket". */
export function toHelpdeskError(op: string, err: unknown): PermanentError | TransientError {
  if (err instanceof PermanentError || err instanceof TransientError) return err;
  const f = graphFailureOf(err);
  if (f.status === -1) {
    if (TOKEN_ERROR_NAMES.has(f.graphCode)) return tokenFailure(op, f, err);
    return graphCallError(false, 'graph-unreachable', `${op}: no response (${f.graphCode})`, f);
  }
  const message = `${op}: HTTP ${f.status} ${f.graphCode}${f.requestId ? ` (request-id ${f.requestId})` : ''}`;
  return graphCallError(!isPassingStatus(f.status), statusCode(f, err), message, f);
}

/** The code for an HTTP failure; passing statuses (isPassingStatus) get transient codes. */
export function statusCode(f: GraphFailure, err?: unknown): ErrorCode {
  if (uniqueRefusal(f, err)) return 'graph-unique-violation';
  // 429 here means the retry middleware gave up within its budget: the queue retries later.
  if (f.status === 429) return 'graph-throttled';
  // 5xx (503 throttling included), 408 timeout, 423 locked (a list being edited by an agent).
  if (isPassingStatus(f.status)) return 'graph-unavailable';
  // 401/403: app-only token without a grant on this site (Sites.Selected not granted, or revoked),
  // or consent withdrawn. Every retry would fail the same way until an admin grants access.
  if (f.status === 401 || f.status === 403) return 'graph-access-denied';
  if (f.status === 404) return 'graph-not-found';
  if (f.status === 409) return 'graph-conflict';
  return `graph-http-${f.status}`;
}
