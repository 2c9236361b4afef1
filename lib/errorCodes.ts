/**
 * Every code the log and the queue can see for a failure (lib/errors.ts re-exports the type).
 * A closed list, so a new code is a deliberate change reviewed here, and an alert or a test that
 * matches a code can trust it exists. Codes are content-free: never a value from a mail.
 */

/** Codes our own errors (PermanentError, TransientError and their subclasses) carry. */
export const OWN_CODES = [
  // the door and the queue message
  'bad-queue-message',
  'tenant-unknown',
  'tenant-key-missing',
  'staged-mail-unreadable',
  'decrypt-failed',
  'cosmos-region',
  'invalid-tenant',
  'tenant-erased',
  // the mail itself (lib/mail limits and header guard)
  'mail-unparseable',
  'mail-too-deep',
  'mail-too-many-parts',
  'mail-header-too-large',
  'mail-too-many-header-fields',
  'mail-structured-fields-too-large',
  'no-sender',
  'sender-count-contended',
  // the helpdesk site and its items
  'invalid-site-url',
  'site-not-found',
  'schema-missing',
  'schema-mismatch',
  'helpdesk-ids-stale',
  'invalid-mail-key',
  'invalid-lookup-id',
  'invalid-address',
  'invalid-folder',
  'unique-conflict-unresolved',
  'ticket-changed',
  'contact-gone',
  // files
  'file-size-mismatch',
  'upload-url-invalid',
  'upload-unreachable',
  'upload-range-refused',
  'upload-ended-early',
  'upload-session-lost',
  'original-refused',
  'attachments-changed',
  'file-too-large',
  // Graph (lib/sharepoint/errors.ts)
  'graph-auth-refused',
  'graph-auth-unavailable',
  'graph-unreachable',
  'graph-throttled',
  'graph-unavailable',
  'graph-access-denied',
  'graph-not-found',
  'graph-conflict',
  'graph-unique-violation',
  // time and programming errors
  'stage-timeout',
  'bug',
] as const;

/** Graph's HTTP status when no better code fits (`graph-http-412`, `graph-http-400`). */
export type GraphHttpCode = `graph-http-${number}`;
export type OwnCode = (typeof OWN_CODES)[number] | GraphHttpCode;

/**
 * Codes and names of errors thrown by Node and the SDKs that `errorCode` passes through as they
 * are logged today; any other foreign code becomes `http-{status}` when a status is known, else
 * `unknown`.
 */
export const FOREIGN_CODES = [
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'REQUEST_SEND_ERROR',
  'ABORT_ERR',
  'Error',
  'TypeError',
  'RangeError',
  'SyntaxError',
  'ReferenceError',
  'AbortError',
  'TimeoutError',
  'RestError',
  'GraphError',
  'ConfigError',
] as const;

export type ForeignCode = (typeof FOREIGN_CODES)[number];

export type ErrorCode = OwnCode | ForeignCode | `http-${number}` | 'unknown';

const KNOWN: ReadonlySet<string> = new Set<string>([...OWN_CODES, ...FOREIGN_CODES, 'unknown']);

/** Whether a string met at run time (a foreign error's code or name) is one of the codes. */
export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (KNOWN.has(value) || /^(graph-)?http-\d{3}$/.test(value));
}
