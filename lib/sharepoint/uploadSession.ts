/**
 * Upload sessions for files above 4 MiB (docs/graph.md "Files"): create the session through Graph,
 * then PUT the bytes to its `uploadUrl` in order, in fragments of a multiple of 320 KiB, reading
 * the content as it streams (memory: one fragment).
 *
 * Not the SDK's LargeFileUploadTask: it sends fragments through the client's middleware, which
 * adds the bearer token whenever the uploadUrl's host is a Graph host or one of `customHosts`,
 * while the uploadUrl is pre-authenticated and must get no Authorization header; and it has no
 * answer to a 416 for a fragment the server already holds. Fragments here go out through
 * node:https (uploadFragment.ts), within the service's one retry policy (lib/retryPolicy.ts). Not
 * fetch: it copies every request body, and with it (and a fresh buffer per fragment) the host's
 * peak memory for a 40 MB mail was about 30 MiB higher (npm run bench:memory).
 */
import type { Readable } from 'node:stream';

import { PermanentError } from '../errors';
import type { RetryDeps } from '../retryPolicy';
import type { Graph } from './graph';
import { type GraphCallError, graphCallError } from './graphCallError';
import { isPassingStatus } from './retry';
import { type DriveItem, putFragment, send, sessionUploadUrl } from './uploadFragment';

export type { DriveItem } from './uploadFragment';

// Graph requires fragments of a multiple of 320 KiB (except the last) and below 60 MiB; 16 × 320
// KiB = 5 MiB is within the 5-10 MiB Microsoft suggests for good connections.
export const FRAGMENT_UNIT = 320 * 1024;
export const FRAGMENT_BYTES = 16 * FRAGMENT_UNIT;

/**
 * Fragments of exactly `size` bytes (the last one shorter), read as the content streams. One
 * buffer is reused: a fragment is valid until the next one is asked for, so a file of any size
 * costs one fragment of memory. Leaving early does not destroy the stream: the mail parser still
 * drains it and goes on to the next part.
 */
export async function* fragments(content: Readable | Buffer, size: number): AsyncGenerator<Buffer> {
  if (Buffer.isBuffer(content)) {
    for (let at = 0; at < content.length; at += size) yield content.subarray(at, at + size);
    return;
  }
  const fragment = Buffer.allocUnsafe(size);
  let filled = 0;
  for await (const chunk of content.iterator({ destroyOnReturn: false }) as AsyncIterable<Buffer>) {
    for (let at = 0; at < chunk.length;) {
      const copied = chunk.copy(fragment, filled, at);
      filled += copied;
      at += copied;
      if (filled === size) {
        yield fragment;
        filled = 0;
      }
    }
  }
  if (filled > 0) yield fragment.subarray(0, filled);
}

function failure(status: number): GraphCallError {
  const message = `upload fragment: HTTP ${status}`;
  const f = { status, graphCode: 'unknown' };
  // 404: the session expired or was cancelled; the queue's retry starts a new one.
  if (status === 404 || isPassingStatus(status)) {
    const code = status === 429 ? 'graph-throttled' : 'upload-session-lost';
    return graphCallError(false, code, message, f);
  }
  return graphCallError(true, `graph-http-${status}`, message, f);
}

/**
 * Uploads `size` bytes from `content` to the drive item at `path` (`/drives/{d}/root:/a/b`).
 * Graph requests: 1 to create the session, then one PUT per fragment.
 */
export async function uploadInSession(
  graph: Graph,
  path: string,
  size: number,
  content: Readable | Buffer,
  retryDeps?: RetryDeps,
): Promise<DriveItem> {
  const session = await graph.post<{ uploadUrl?: unknown }>(
    `${path}:/createUploadSession`,
    { item: { '@microsoft.graph.conflictBehavior': 'replace' } },
    { op: 'create upload session' },
  );
  const url = sessionUploadUrl(session);
  let offset = 0;
  try {
    for await (const fragment of fragments(content, FRAGMENT_BYTES)) {
      if (offset + fragment.length > size) {
        throw new PermanentError('file-size-mismatch', 'file longer than declared');
      }
      const sent = await putFragment(url, fragment, { offset, total: size }, retryDeps);
      offset += fragment.length;
      if (sent.status === 200 || sent.status === 201) {
        if (offset !== size) throw new PermanentError('upload-ended-early', 'upload ended early');
        return sent.body;
      }
      if (sent.status !== 202) throw failure(sent.status);
    }
    throw new PermanentError('file-size-mismatch', 'file shorter than declared');
  } catch (err) {
    // Best effort: an abandoned session would otherwise hold its fragments until it expires.
    await send(url, 'DELETE').catch(() => null);
    throw err;
  }
}
