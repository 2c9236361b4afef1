/**
 * Small files of one mail in one `$batch` (docs/graph.md "JSON batching"): up to 20 simple uploads
 * in one round trip. Each sub-request depends on the one before it, so SharePoint writes them one
 * after another (the first creates the folder, the others find it) and a file is never written
 * before the files added ahead of it. Bodies that are not JSON travel base64-encoded, and Graph
 * answers uploads inside a batch with base64-encoded JSON bodies; both are handled here.
 *
 * Sub-requests are throttled one by one and the SDK does not retry them: throttled ones (and
 * their dependants, answered 424) are sent again in a new batch within the same retry budget as
 * single requests (lib/retryPolicy.ts). A file refused for good (4xx) is reported, not retried.
 */
import { type ErrorCode, TransientError } from '../errors';
import { RetryBudget, type RetryDeps } from '../retryPolicy';
import type { Graph } from './graph';
import type { StoredFile } from './libraryTypes';
import { DEFAULT_RETRY_POLICY, isPassingStatus } from './retry';
import type { DriveItem } from './uploadSession';

export interface BatchFile {
  name: string;
  /** The file's drive path (`/drives/{d}/root:/{folder}/{name}`). */
  path: string;
  data: Buffer;
}

interface SubResponse {
  id: string;
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

/** A sub-response's body: JSON, or base64 of JSON (uploads inside a batch answer that way). */
export function subResponseBody(body: unknown): DriveItem {
  if (typeof body === 'object' && body !== null) return body as DriveItem;
  if (typeof body !== 'string') return {};
  try {
    return JSON.parse(Buffer.from(body, 'base64').toString('utf8')) as DriveItem;
  } catch {
    return {};
  }
}

function header(res: SubResponse, name: string): string | undefined {
  const key = Object.keys(res.headers ?? {}).find((k) => k.toLowerCase() === name);
  return key === undefined ? undefined : res.headers?.[key];
}

export function batchRequests(files: readonly BatchFile[]): object[] {
  return files.map((file, i) => ({
    id: String(i + 1),
    method: 'PUT',
    url: `${file.path}:/content`,
    headers: { 'Content-Type': 'application/octet-stream' },
    body: file.data.toString('base64'),
    ...(i > 0 ? { dependsOn: [String(i)] } : {}),
  }));
}

/**
 * Uploads the files (at most 20): stored ones with their webUrl, refused ones by code.
 * Graph requests: one `$batch`, plus one per round of retried sub-requests.
 */
export async function uploadBatch(
  graph: Graph,
  files: readonly BatchFile[],
  retryDeps?: RetryDeps,
): Promise<{ stored: StoredFile[]; refused: ErrorCode[] }> {
  const budget = new RetryBudget(DEFAULT_RETRY_POLICY, retryDeps);
  const stored: StoredFile[] = [];
  const refused: ErrorCode[] = [];
  let pending = [...files];
  // Rounds that waited for throttling count against the budget; a round that only resends the
  // dependants of a refused file does not (it ends after at most one round per file).
  while (pending.length > 0) {
    const answer = await graph.post<{ responses?: SubResponse[] }>(
      '/$batch',
      { requests: batchRequests(pending) },
      { op: 'upload files' },
    );
    const byId = new Map((answer.responses ?? []).map((r) => [r.id, r]));
    const again: BatchFile[] = [];
    const done = stored.length + refused.length;
    let wait = 0;
    pending.forEach((file, i) => {
      const res = byId.get(String(i + 1));
      const status = res?.status ?? 0;
      if (status >= 200 && status < 300) {
        const item = subResponseBody(res?.body);
        stored.push({ name: item.name ?? file.name, webUrl: item.webUrl });
      } else if (status === 424) {
        again.push(file);
      } else if (!res || isPassingStatus(status)) {
        // A file reported refused is skipped for ever, so a passing failure must not be one.
        again.push(file);
        wait = Math.max(wait, budget.delayFor(res && header(res, 'retry-after')));
      } else {
        refused.push(`graph-http-${status}`);
      }
    });
    pending = again;
    // A round that moved nothing on (only 424s) is treated as throttled, so it cannot spin.
    if (wait === 0 && stored.length + refused.length === done && pending.length > 0) {
      wait = budget.delayFor();
    }
    if (pending.length === 0 || wait === 0) continue;
    if (!budget.allows(wait)) {
      throw new TransientError('graph-throttled', `upload files: ${pending.length} not written`);
    }
    await budget.wait(wait);
  }
  return { stored, refused };
}
