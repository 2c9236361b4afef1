/**
 * What the upload tests share: a simulator with one tenant and its site's drive, creating upload
 * sessions, putting fragments the way a client does (no Authorization header: the upload URL is
 * the credential) and reading a file's bytes back.
 */
import type { Client } from '@microsoft/microsoft-graph-client';

import { type TestSimulator, startTestSimulator } from '../../dev/graph-sim/testing';

export const TENANT = '00000000-0000-4000-8000-00000000c0de';
/** 320 KiB: the unit of every fragment but the last. */
export const UNIT = 327_680;

export interface Session {
  uploadUrl: string;
  expirationDateTime: string;
  nextExpectedRanges: string[];
}

export interface Fragment {
  status: number;
  body: Record<string, unknown>;
}

export interface UploadKit {
  t: TestSimulator;
  client: Client;
  site: string;
  driveId: string;
  /** POST `/drives/{id}/{path}:/createUploadSession`, expecting 200. */
  createSession(path: string, item?: object): Promise<Session>;
  download(path: string): Promise<Buffer>;
}

export async function startUploadKit(
  opts: Parameters<typeof startTestSimulator>[0] = {},
): Promise<UploadKit> {
  const t = await startTestSimulator(opts);
  const [site = ''] = await t.addTenant(TENANT, 'contoso.sharepoint.com', ['/sites/helpdesk']);
  const client = t.client(TENANT);
  const driveId = (await client.api(`/sites/${site}/drive`).get()).id as string;
  return {
    t,
    client,
    site,
    driveId,
    async createSession(path, item) {
      const url = `/drives/${driveId}/${path}:/createUploadSession`;
      const res = await t.graphFetch(TENANT, 'POST', url, { body: item ? { item } : {} });
      expect({ url, status: res.status }).toEqual({ url, status: 200 });
      return res.body as Session;
    },
    async download(path) {
      const token = await t.credential(TENANT).getToken('https://graph.microsoft.com/.default');
      const res = await fetch(`${t.url}/v1.0/drives/${driveId}/root:/${path}:/content`, {
        headers: { authorization: `Bearer ${token.token}` },
      });
      expect(res.status).toBe(200);
      return Buffer.from(await res.arrayBuffer());
    },
  };
}

/** PUT of bytes `start`.. of a `total`-byte file; `headers` may override Content-Range. */
export async function putRange(
  url: string,
  data: Buffer,
  start: number,
  total: number,
  headers: Record<string, string> = {},
): Promise<Fragment> {
  const res = await fetch(url, {
    method: 'PUT',
    headers: { 'content-range': `bytes ${start}-${start + data.length - 1}/${total}`, ...headers },
    body: data,
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

/** Puts `data` in fragments of `size` bytes from the start; every status and the last body. */
export async function uploadAll(
  url: string,
  data: Buffer,
  size: number,
): Promise<{ statuses: number[]; last: Record<string, unknown> }> {
  const statuses: number[] = [];
  let last: Record<string, unknown> = {};
  for (let start = 0; start < data.length; start += size) {
    const res = await putRange(url, data.subarray(start, start + size), start, data.length);
    statuses.push(res.status);
    last = res.body;
  }
  return { statuses, last };
}
