/**
 * Upload sessions (docs/graph.md "Files"): what a session remembers and the fragment rules Graph
 * documents: `Content-Range: bytes a-b/total` with the same total every time, fragments in order,
 * each a multiple of 320 KiB except the last, each below 60 MiB (the server's body cap). A range
 * already received or out of order is 416. Sessions live in memory only: a restarted simulator
 * has forgotten them, which a client sees as the 404 of an expired session.
 */
import { randomBytes } from 'node:crypto';

import { GraphError, badRequest, notFound } from './errors';
import type { ConflictBehavior } from './model';

/** 320 KiB: every fragment but the last must be a multiple of it. */
export const FRAGMENT_UNIT = 327_680;

/**
 * Sessions are buffered in memory until their last fragment: 256 MiB is far above the service's
 * 35 MB mail limit and keeps a runaway client from exhausting the simulator.
 */
export const MAX_SESSION_BYTES = 256 * 1024 * 1024;

/** Unverified: Graph documents no lifetime, only that each fragment extends it. */
export const DEFAULT_SESSION_LIFETIME_S = 3600;

export interface UploadSession {
  id: string;
  tenantId: string;
  appId: string;
  driveId: string;
  /** The item the path starts at: the drive root or the parent of `items/{id}:/a/b.txt`. */
  startId: string;
  /** Folders between startId and the file, created on commit if missing. */
  folders: string[];
  name: string;
  conflict: ConflictBehavior;
  /** Fixed by item.fileSize at creation, else by the first fragment. */
  total: number | undefined;
  received: Buffer[];
  next: number;
  expires: number;
}

export type NewSession = Omit<UploadSession, 'id' | 'received' | 'next' | 'expires'>;

export interface Fragment {
  start: number;
  end: number;
  total: number;
}

export class UploadSessions {
  private readonly sessions = new Map<string, UploadSession>();
  lifetimeMs = DEFAULT_SESSION_LIFETIME_S * 1000;

  create(init: NewSession): UploadSession {
    const now = Date.now();
    for (const [id, s] of this.sessions) if (s.expires <= now) this.sessions.delete(id);
    // Unguessable: the URL is the only credential of an upload (it is pre-authenticated).
    const id = randomBytes(24).toString('base64url');
    const session = { ...init, id, received: [], next: 0, expires: now + this.lifetimeMs };
    this.sessions.set(id, session);
    return session;
  }

  /** 404 for an unknown session and for an expired one, which is forgotten. */
  find(id: string): UploadSession {
    const session = this.sessions.get(id);
    if (session && session.expires > Date.now()) return session;
    this.sessions.delete(id);
    throw notFound('The upload session was not found or has expired.'); // unverified wording
  }

  /** Every accepted fragment extends the session's life (uploadSession docs). */
  touch(session: UploadSession): void {
    session.expires = Date.now() + this.lifetimeMs;
  }

  delete(id: string): void {
    this.sessions.delete(id);
  }

  clear(): void {
    this.sessions.clear();
  }
}

export function sessionJson(session: UploadSession, uploadUrl?: string): object {
  return {
    ...(uploadUrl ? { uploadUrl } : {}),
    expirationDateTime: new Date(session.expires).toISOString(),
    nextExpectedRanges: [`${session.next}-`],
  };
}

const invalidRange = (message: string): GraphError => new GraphError(416, 'invalidRange', message);

/** Parses Content-Range and holds the fragment to the rules; throws Graph's answer otherwise. */
export function checkFragment(
  session: UploadSession,
  contentRange: string | undefined,
  body: Buffer,
): Fragment {
  const m = /^bytes (\d{1,15})-(\d{1,15})\/(\d{1,15})$/.exec(contentRange?.trim() ?? '');
  if (!m) throw badRequest('The Content-Range header is missing or malformed.');
  const [start, end, total] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (start > end || end >= total) {
    throw invalidRange(`The range ${start}-${end} does not lie within ${total} bytes.`);
  }
  if (body.length !== end - start + 1) {
    throw badRequest(
      'The Content-Range header length does not match the provided number of bytes.',
    );
  }
  if (total > MAX_SESSION_BYTES) {
    throw new GraphError(
      413,
      'requestTooLarge',
      `The simulator takes files up to ${MAX_SESSION_BYTES} bytes.`,
    );
  }
  if (session.total !== undefined && total !== session.total) {
    throw badRequest(
      `The Content-Range total ${total} differs from the session's ${session.total} bytes.`,
    );
  }
  if (start < session.next) {
    throw invalidRange(
      `The fragment overlaps bytes already received; next expected ${session.next}-.`,
    );
  }
  if (start > session.next) {
    throw invalidRange(`Fragments must be uploaded in order; next expected ${session.next}-.`);
  }
  if (end + 1 < total && body.length % FRAGMENT_UNIT !== 0) {
    // Graph documents commit failures for such files; refusing the fragment shows where it went wrong.
    throw badRequest(
      `Every fragment but the last must be a multiple of ${FRAGMENT_UNIT} bytes (320 KiB).`,
    );
  }
  return { start, end, total };
}
