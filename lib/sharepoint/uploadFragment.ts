/**
 * One fragment of an upload session, sent to the session's pre-authenticated `uploadUrl` through
 * node:https (uploadSession.ts says why not the SDK or fetch). Throttling is waited out within the
 * service's one retry policy (lib/retryPolicy.ts), and the stage's signal (lib/deadline.ts) ends
 * both a request in flight and a wait, so a stage out of time stops uploading.
 */
import { request } from 'node:https';

import { PermanentError, TransientError } from '../errors';
import { abortedError, currentSignal } from '../deadline';
import { DEFAULT_RETRY_POLICY, RetryBudget, type RetryDeps } from '../retryPolicy';
import { RETRYABLE_STATUS } from './retry';

/** The drive item Graph answers an upload with. */
export interface DriveItem {
  id?: string;
  name?: string;
  size?: number;
  webUrl?: string;
}

// One fragment may take this long on a slow link; past it the request counts as failed.
const FRAGMENT_TIMEOUT_MS = 120_000;

export interface Sent {
  status: number;
  body: { nextExpectedRanges?: string[] } & DriveItem;
  retryAfter: string | null;
}

export function send(url: string, method: string, body?: Buffer, headers = {}): Promise<Sent> {
  const signal = currentSignal();
  return new Promise((resolve, reject) => {
    const fail = (err: unknown): void =>
      reject(
        signal?.aborted
          ? abortedError(err)
          : new TransientError('upload-unreachable', 'upload fragment: no response', {
              cause: err,
            }),
      );
    const options = { method, headers, timeout: FRAGMENT_TIMEOUT_MS, signal };
    const req = request(url, options, (res) => {
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
/**
 * The uploadUrl of a new upload session (a drive item's or a mail attachment's). It is called
 * without our token, so it must be https: anything else is refused for good.
 */
export function sessionUploadUrl(session: { uploadUrl?: unknown }): string {
  const url = typeof session.uploadUrl === 'string' ? session.uploadUrl : '';
  if (!url.startsWith('https://')) {
    throw new PermanentError('upload-url-invalid', 'upload session without an https uploadUrl');
  }
  return url;
}

export async function putFragment(
  url: string,
  fragment: Buffer,
  range: { offset: number; total: number },
  retryDeps?: RetryDeps,
): Promise<Sent> {
  const { offset, total } = range;
  const budget = new RetryBudget(DEFAULT_RETRY_POLICY, retryDeps);
  for (;;) {
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
    const wait = budget.delayFor(sent.retryAfter);
    if (!budget.allows(wait)) return sent;
    await budget.wait(wait);
  }
}
