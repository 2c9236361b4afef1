/**
 * Graph simulator, large files: simple upload above 4 MiB, upload sessions created by path or
 * parent id, fragments PUT to the pre-authenticated upload URL (202 with nextExpectedRanges, then
 * 201/200 with the driveItem), the fragment rules (416 for ranges already received or out of
 * order, 400 for sizes), cancel, expiry, conflictBehavior, throttled fragments, and the Graph SDK's
 * own LargeFileUploadTask.
 */
import { randomBytes } from 'node:crypto';

import {
  type Client,
  FileUpload,
  LargeFileUploadTask,
  type UploadResult,
} from '@microsoft/microsoft-graph-client';

import { type TestSimulator, startTestSimulator } from '../../dev/graph-sim/testing';

const TENANT = '00000000-0000-4000-8000-00000000c0de';
const UNIT = 327_680;
const MB = 1_000_000;

let t: TestSimulator;
let client: Client;
let site: string;
let driveId: string;

async function setUp(opts: Parameters<typeof startTestSimulator>[0] = {}): Promise<void> {
  t = await startTestSimulator(opts);
  [site = ''] = await t.addTenant(TENANT, 'contoso.sharepoint.com', ['/sites/helpdesk']);
  client = t.client(TENANT);
  driveId = (await client.api(`/sites/${site}/drive`).get()).id;
}

afterEach(() => t.close());

interface Session {
  uploadUrl: string;
  expirationDateTime: string;
  nextExpectedRanges: string[];
}

async function createSession(path: string, item?: object): Promise<Session> {
  const res = await t.graphFetch(
    TENANT,
    'POST',
    `/drives/${driveId}/${path}:/createUploadSession`,
    {
      body: item === undefined ? {} : { item },
    },
  );
  expect(res.status).toBe(200);
  return res.body as Session;
}

/** A fragment as a client sends it: no Authorization header, the upload URL is the credential. */
async function putRange(
  url: string,
  data: Buffer,
  start: number,
  total: number,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(url, {
    method: 'PUT',
    headers: { 'content-range': `bytes ${start}-${start + data.length - 1}/${total}`, ...headers },
    body: data,
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

async function download(path: string): Promise<Buffer> {
  const token = await t.credential(TENANT).getToken('https://graph.microsoft.com/.default');
  const res = await fetch(`${t.url}/v1.0/drives/${driveId}/root:/${path}:/content`, {
    headers: { authorization: `Bearer ${token.token}` },
  });
  expect(res.status).toBe(200);
  return Buffer.from(await res.arrayBuffer());
}

/** Uploads `data` in fragments of `size` bytes; returns every status and the last body. */
async function uploadAll(url: string, data: Buffer, size: number) {
  const statuses: number[] = [];
  let last: Record<string, unknown> = {};
  for (let start = 0; start < data.length; start += size) {
    const res = await putRange(url, data.subarray(start, start + size), start, data.length);
    statuses.push(res.status);
    last = res.body;
  }
  return { statuses, last };
}

describe('upload sessions', () => {
  beforeEach(() => setUp());

  it('when 5 MB goes up in 320 KiB-multiple fragments, then 202s name the next range, the last is 201 with the driveItem, and the bytes read back identical', async () => {
    const data = randomBytes(5 * MB);
    const session = await createSession('root:/42/7/big.bin');
    expect(session.nextExpectedRanges).toEqual(['0-']);
    expect(Date.parse(session.expirationDateTime)).toBeGreaterThan(Date.now());
    const url = new URL(session.uploadUrl);
    expect(url.protocol).toBe('https:');
    // Another host than the Graph base URL, so the SDK (customHosts: localhost) sends no token.
    expect(url.hostname).not.toBe('localhost');
    expect(url.pathname.split('/').filter(Boolean)).toHaveLength(2);

    const size = 4 * UNIT;
    const first = await putRange(session.uploadUrl, data.subarray(0, size), 0, data.length);
    expect(first).toMatchObject({ status: 202, body: { nextExpectedRanges: [`${size}-`] } });
    const rest = await uploadAll(session.uploadUrl, data, size);
    expect(rest.statuses).toEqual([416, 202, 202, 201]); // the first fragment again, then the others
    expect(rest.last).toMatchObject({ name: 'big.bin', size: 5 * MB, file: {} });
    expect((rest.last.parentReference as { path: string }).path).toBe(
      `/drives/${driveId}/root:/42/7`,
    );
    expect((await download('42/7/big.bin')).equals(data)).toBe(true);
    expect((await fetch(session.uploadUrl)).status).toBe(404); // a committed session is over
  });

  it('when a fragment overlaps what was received or skips ahead, then 416 invalidRange and the session goes on from nextExpectedRanges', async () => {
    const data = randomBytes(3 * UNIT + 10);
    const { uploadUrl } = await createSession('root:/a.bin');
    expect((await putRange(uploadUrl, data.subarray(0, 2 * UNIT), 0, data.length)).status).toBe(
      202,
    );
    const overlap = await putRange(uploadUrl, data.subarray(UNIT, 3 * UNIT), UNIT, data.length);
    expect(overlap).toMatchObject({ status: 416, body: { error: { code: 'invalidRange' } } });
    const ahead = await putRange(uploadUrl, data.subarray(3 * UNIT), 3 * UNIT, data.length);
    expect(ahead.status).toBe(416);
    const outside = await putRange(uploadUrl, Buffer.alloc(10), data.length, data.length);
    expect(outside.status).toBe(416);
    const status = await fetch(uploadUrl);
    expect(await status.json()).toMatchObject({ nextExpectedRanges: [`${2 * UNIT}-`] });
    const done = await putRange(uploadUrl, data.subarray(2 * UNIT), 2 * UNIT, data.length);
    expect(done.status).toBe(201);
    expect((await download('a.bin')).equals(data)).toBe(true);
  });

  it('when a middle fragment is not a multiple of 320 KiB, its length disagrees or its total changes, then 400', async () => {
    const data = randomBytes(2 * UNIT + 1);
    const { uploadUrl } = await createSession('root:/b.bin');
    expect((await putRange(uploadUrl, data.subarray(0, UNIT - 1), 0, data.length)).status).toBe(
      400,
    );
    const short = await putRange(uploadUrl, data.subarray(0, 10), 0, data.length, {
      'content-range': `bytes 0-19/${data.length}`,
    });
    expect(short.status).toBe(400);
    expect((await putRange(uploadUrl, data.subarray(0, UNIT), 0, data.length)).status).toBe(202);
    expect((await putRange(uploadUrl, data.subarray(UNIT), UNIT, data.length + 5)).status).toBe(
      400,
    );
    const missing = await fetch(uploadUrl, { method: 'PUT', body: data.subarray(UNIT) });
    expect(missing.status).toBe(400);
  });

  it('when an Authorization header is sent to the upload URL, then 401', async () => {
    const { uploadUrl } = await createSession('root:/c.bin');
    const res = await putRange(uploadUrl, Buffer.from('x'), 0, 1, { authorization: 'Bearer x' });
    expect(res.status).toBe(401);
  });

  it('when a session is cancelled, then 204 and its URL answers 404; an unknown URL is 404', async () => {
    const { uploadUrl } = await createSession('root:/d.bin');
    expect((await fetch(uploadUrl, { method: 'DELETE' })).status).toBe(204);
    expect((await putRange(uploadUrl, Buffer.from('x'), 0, 1)).status).toBe(404);
    const unknown = new URL('/upload-sessions/nope', uploadUrl).toString();
    expect((await putRange(unknown, Buffer.from('x'), 0, 1)).status).toBe(404);
  });

  it('when a name is taken, then fail (the default) is 409 at creation, rename gives "name 1", replace ends with 200', async () => {
    await t.graphFetch(TENANT, 'PUT', `/drives/${driveId}/root:/e.txt:/content`, {
      body: Buffer.from('old'),
    });
    const failed = await t.graphFetch(
      TENANT,
      'POST',
      `/drives/${driveId}/root:/e.txt:/createUploadSession`,
    );
    expect(failed).toMatchObject({ status: 409, body: { error: { code: 'nameAlreadyExists' } } });
    const renamed = await createSession('root:/e.txt', {
      '@microsoft.graph.conflictBehavior': 'rename',
      name: 'e.txt',
    });
    expect(await putRange(renamed.uploadUrl, Buffer.from('new'), 0, 3)).toMatchObject({
      status: 201,
      body: { name: 'e 1.txt' },
    });
    const replaced = await createSession('root:/e.txt', {
      '@microsoft.graph.conflictBehavior': 'replace',
    });
    expect((await putRange(replaced.uploadUrl, Buffer.from('newer'), 0, 5)).status).toBe(200);
    expect((await download('e.txt')).toString()).toBe('newer');
  });

  it('when sessions are created by parent id, on the site drive, or for an existing item, then they commit there', async () => {
    const folder = await client
      .api(`/drives/${driveId}/root/children`)
      .post({ name: '43', folder: {} });
    const byParent = await createSession(`items/${folder.id}:/f.txt`);
    expect((await putRange(byParent.uploadUrl, Buffer.from('by parent'), 0, 9)).status).toBe(201);
    const onSite = await t.graphFetch(
      TENANT,
      'POST',
      `/sites/${site}/drive/items/${folder.id}:/g.txt:/createUploadSession`,
      { body: {} },
    );
    const siteUrl = (onSite.body as Session).uploadUrl;
    const created = await putRange(siteUrl, Buffer.from('on site'), 0, 7);
    expect(created.status).toBe(201);
    const existing = await t.graphFetch(
      TENANT,
      'POST',
      `/drives/${driveId}/items/${created.body.id as string}/createUploadSession`,
    );
    const existingUrl = (existing.body as Session).uploadUrl;
    expect((await putRange(existingUrl, Buffer.from('again'), 0, 5)).status).toBe(200);
    expect((await download('43/f.txt')).toString()).toBe('by parent');
    expect((await download('43/g.txt')).toString()).toBe('again');
  });

  it('when the body names another file, has a bad fileSize, or a fragment disagrees with fileSize, then 400', async () => {
    const post = (item: object) =>
      t.graphFetch(TENANT, 'POST', `/drives/${driveId}/root:/h.txt:/createUploadSession`, {
        body: { item },
      });
    expect((await post({ name: 'other.txt' })).status).toBe(400);
    expect((await post({ fileSize: -1 })).status).toBe(400);
    const { uploadUrl } = (await post({ fileSize: 4 })).body as Session;
    expect((await putRange(uploadUrl, Buffer.from('12345'), 0, 5)).status).toBe(400);
    expect((await putRange(uploadUrl, Buffer.from('1234'), 0, 4)).status).toBe(201);
  });

  it('when the fault knob throttles a fragment, then 429 with Retry-After and the same fragment is accepted when resent', async () => {
    const { uploadUrl } = await createSession('root:/i.bin');
    await t.admin('PUT', '/_admin/faults', { rate: 1, status: 429, retryAfterSeconds: 2 });
    const res = await fetch(uploadUrl, {
      method: 'PUT',
      headers: { 'content-range': 'bytes 0-2/3' },
      body: 'abc',
    });
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('2');
    await t.admin('PUT', '/_admin/faults', { rate: 0 });
    expect((await putRange(uploadUrl, Buffer.from('abc'), 0, 3)).status).toBe(201);
    const stats = (await t.admin('GET', '/_admin/stats')).body as {
      byMethodAndRoute: Record<string, number>;
    };
    expect(stats.byMethodAndRoute['PUT /upload-sessions/{session-id}']).toBe(2);
  });

  it("when the Graph SDK's LargeFileUploadTask uploads 6 MB, then it completes with the driveItem", async () => {
    const data = randomBytes(6 * MB);
    const session = await LargeFileUploadTask.createUploadSession(
      client,
      `/drives/${driveId}/root:/sdk/big.bin:/createUploadSession`,
      { item: { '@microsoft.graph.conflictBehavior': 'rename' } },
    );
    const task = new LargeFileUploadTask(
      client,
      new FileUpload(data, 'big.bin', data.length),
      session,
      {
        rangeSize: 16 * UNIT,
      },
    );
    const result: UploadResult = await task.upload();
    expect(result.responseBody).toMatchObject({ name: 'big.bin', size: data.length });
    expect((await download('sdk/big.bin')).equals(data)).toBe(true);
  });

  it('when a simple upload is above 4 MiB, then it is stored: Graph documents 250 MB for simple upload', async () => {
    const data = randomBytes(5 * MB);
    const res = await t.graphFetch(TENANT, 'PUT', `/drives/${driveId}/root:/simple.bin:/content`, {
      body: data,
    });
    expect(res.status).toBe(201);
    expect((await download('simple.bin')).equals(data)).toBe(true);
  });
});

describe('upload session expiry', () => {
  beforeEach(() => setUp({ uploadSessionLifetimeSeconds: 1 }));

  it('when a session outlives its expiration, then its URL answers 404; an accepted fragment extends it', async () => {
    const live = await createSession('root:/j.bin');
    const idle = await createSession('root:/k.bin');
    await new Promise((r) => setTimeout(r, 600));
    const first = await putRange(live.uploadUrl, randomBytes(UNIT), 0, UNIT + 1);
    expect(first.status).toBe(202);
    expect(Date.parse(first.body.expirationDateTime as string)).toBeGreaterThan(
      Date.parse(live.expirationDateTime),
    );
    await new Promise((r) => setTimeout(r, 600));
    expect((await putRange(idle.uploadUrl, Buffer.from('x'), 0, 1)).status).toBe(404);
    expect((await putRange(live.uploadUrl, Buffer.from('x'), UNIT, UNIT + 1)).status).toBe(201);
  });
});
