/**
 * Upload sessions for files above 4 MiB (docs/graph.md "Files"): create the session through Graph,
 * then PUT the bytes to its `uploadUrl` in order, in fragments of a multiple of 320 KiB, reading
 * the content as it streams (memory: one fragment).
 *
 * Not the SDK's LargeFileUploadTask: it sends fragments through the client's middleware, which
 * adds the bearer token whenever the uploadUrl's host is a Graph host or one of `customHosts`,
 * while the uploadUrl is pre-authenticated and must get no Authorization header; and it has no
 * answer to a 416 for a fragment the server already holds. Fragments here go out through
 * node:https, with the same bounded retry budget as every other Graph request (retry.ts). Not
 * fetch: it copies every request body, and with it (and a fresh buffer per fragment) the host's
 * peak memory for a 40 MB mail was about 30 MiB higher (npm run bench:memory).
 */
import { request } from 'node:https';
import type { Readable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';

import { PermanentError, TransientError } from '../errors';
import type { Graph } from './graph';
import {
  DEFAULT_RETRY_POLICY,
  RETRYABLE_STATUS,
  backoffSeconds,
  isPassingStatus,
  retryAfterSeconds,
} from './retry';

export interface DriveItem {
  id?: string;
  name?: string;
  size?: number;
  webUrl?: string;
}

// Graph requires fragments of a multiple of 320 KiB (except the last) and below 60 MiB; 16 × 320
// KiB = 5 MiB is within the 5-10 MiB Microsoft suggests for good connections.
export const FRAGMENT_UNIT = 320 * 1024;
export const FRAGMENT_BYTES = 16 * FRAGMENT_UNIT;
// One fragment may take this long on a slow link; past it the request counts as failed.
const FRAGMENT_TIMEOUT_MS = 120_000;

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

interface Sent {
  status: number;
  body: { nextExpectedRanges?: string[] } & DriveItem;
  retryAfter: string | null;
}

function send(url: string, method: string, body?: Buffer, headers = {}): Promise<Sent> {
  return new Promise((resolve, reject) => {
    const fail = (err: unknown): void =>
      reject(
        new TransientError('upload-unreachable', 'upload fragment: no response', { cause: err }),
      );
    const req = request(url, { method, headers, timeout: FRAGMENT_TIMEOUT_MS }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', fail);
      res.on('end', () => {
        let parsed: Sent['body'] = {};
        try {
          parsed = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Sent['body'];
        } catch {
          // not JSON: the status decides
        }
        const retryAfter = res.headers['retry-after'];
        resolve({ status: res.statusCode ?? 0, body: parsed, retryAfter: retryAfter ?? null });
      });
    });
    req.on('timeout', () => req.destroy(new Error('upload fragment timed out')));
    req.on('error', fail);
    req.end(body);
  });
}

/** Where the server wants the next byte, from `nextExpectedRanges: ["26-"]`. */
const nextExpected = (body: Sent['body']): number | undefined => {
  const start = /^(\d+)-/.exec(body.nextExpectedRanges?.[0] ?? '')?.[1];
  return start === undefined ? undefined : Number(start);
};

/** PUTs one fragment, waiting out throttling within the retry budget. */
async function putFragment(
  url: string,
  fragment: Buffer,
  offset: number,
  total: number,
): Promise<Sent> {
  const policy = DEFAULT_RETRY_POLICY;
  let waited = 0;
  for (let retry = 1; ; retry++) {
    const sent = await send(url, 'PUT', fragment, {
      'Content-Length': String(fragment.length),
      'Content-Range': `bytes ${offset}-${offset + fragment.length - 1}/${total}`,
    });
    if (sent.status === 416) {
      // Range already received (an earlier attempt's answer was lost): fine if the server is past it.
      const status = await send(url, 'GET');
      const next = nextExpected(status.body);
      if (next !== undefined && next >= offset + fragment.length) return { ...status, status: 202 };
      throw new TransientError('upload-range-refused', 'upload session: fragment out of order');
    }
    if (!RETRYABLE_STATUS.has(sent.status)) return sent;
    const wait =
      retryAfterSeconds(sent.retryAfter, Date.now()) ?? backoffSeconds(policy, retry, Math.random);
    if (retry > policy.maxRetries || wait > policy.maxWaitSeconds) return sent;
    if (waited + wait > policy.totalWaitSeconds) return sent;
    waited += wait;
    await sleep(wait * 1000);
  }
}

function failure(status: number): Error {
  const message = `upload fragment: HTTP ${status}`;
  // 404: the session expired or was cancelled; the queue's retry starts a new one.
  if (status === 404 || isPassingStatus(status)) {
    return new TransientError(status === 429 ? 'graph-throttled' : 'upload-session-lost', message);
  }
  return new PermanentError(`graph-http-${status}`, message);
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
): Promise<DriveItem> {
  const session = await graph.post<{ uploadUrl?: unknown }>(
    `${path}:/createUploadSession`,
    { item: { '@microsoft.graph.conflictBehavior': 'replace' } },
    { op: 'create upload session' },
  );
  const url = typeof session.uploadUrl === 'string' ? session.uploadUrl : '';
  if (!url.startsWith('https://')) {
    throw new PermanentError('upload-url-invalid', 'upload session without an https uploadUrl');
  }
  let offset = 0;
  try {
    for await (const fragment of fragments(content, FRAGMENT_BYTES)) {
      if (offset + fragment.length > size) {
        throw new PermanentError('file-size-mismatch', 'file longer than declared');
      }
      const sent = await putFragment(url, fragment, offset, size);
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
