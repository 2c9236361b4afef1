/**
 * What a subscription request may say, checked as Graph checks it (docs/graph.md "Mail"): the
 * resource (a mailbox's messages, all or one folder's), `changeType`, the two URLs, `clientState`
 * (at most 128 characters) and the expiry, which is raised to 45 minutes and refused beyond
 * 10,080 minutes (Outlook's limit without resource data).
 */
import { GraphError, badRequest } from '../errors';

export const MIN_MINUTES = 45;
export const MAX_MINUTES = 10_080;
const MAX_CLIENT_STATE = 128;
const MINUTE_MS = 60_000;

/** Only messages are simulated; Graph's change types for them. */
const CHANGE_TYPES = new Set(['created', 'updated', 'deleted']);

/**
 * `users/{id|upn}/messages`, `users/{id|upn}/mailFolders('{folder}')/messages` and
 * `users/{id|upn}/mailFolders/{folder}/messages`, with or without a leading slash, any case.
 */
const RESOURCE =
  /^\/?users\/([^/()']+)\/(?:mailfolders\('([^'/]+)'\)\/messages|mailfolders\/([^/()']+)\/messages|messages)$/i;

export interface WatchedResource {
  user: string;
  /** A folder id or well-known name; undefined for every folder. */
  folder: string | undefined;
}

export function parseResource(value: unknown): WatchedResource {
  const m = typeof value === 'string' ? RESOURCE.exec(value) : null;
  if (!m?.[1]) {
    throw badRequest(
      "resource must be users/{id}/messages or users/{id}/mailFolders('{folder}')/messages.",
    );
  }
  return { user: decodeURIComponent(m[1]), folder: m[2] ?? m[3] };
}

export function parseChangeType(value: unknown): string {
  const parts = typeof value === 'string' ? value.split(',').map((s) => s.trim()) : [];
  if (parts.length === 0 || !parts.every((p) => CHANGE_TYPES.has(p))) {
    throw badRequest('changeType must be created, updated or deleted, comma-separated.');
  }
  return parts.join(',');
}

/**
 * An absolute http(s) URL. Graph itself calls only https endpoints; the simulator also calls
 * http ones, because the local functions host listens on plain http.
 */
export function parseUrl(field: string, value: unknown): string {
  let url: URL | undefined;
  try {
    url = typeof value === 'string' ? new URL(value) : undefined;
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
    throw badRequest(`${field} must be an absolute https URL.`);
  }
  return value as string;
}

export function parseClientState(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string' || value.length > MAX_CLIENT_STATE) {
    throw badRequest(`clientState must be a string of at most ${MAX_CLIENT_STATE} characters.`);
  }
  return value;
}

/** The expiry Graph keeps: under the minimum it is raised, beyond the maximum refused. */
export function parseExpiry(value: unknown, now: number): string {
  const at = typeof value === 'string' ? Date.parse(value) : NaN;
  if (Number.isNaN(at)) {
    throw badRequest('expirationDateTime is a required property for subscription creation.');
  }
  if (at > now + MAX_MINUTES * MINUTE_MS) {
    throw new GraphError(
      400,
      'ExtensionError',
      `Subscription expiration can only be ${MAX_MINUTES} minutes in the future.`,
    );
  }
  return new Date(Math.max(at, now + MIN_MINUTES * MINUTE_MS)).toISOString();
}
