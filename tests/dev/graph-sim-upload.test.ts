/**
 * Graph simulator, large files: upload sessions created by path, parent id, on the site drive or
 * for an existing item; 5 MB in fragments (202 with nextExpectedRanges, 201/200 with the
 * driveItem) read back byte-identical; conflictBehavior; expiry; the Graph SDK's own
 * LargeFileUploadTask; and simple upload above 4 MiB. Fragment rules: graph-sim-upload-fragments.
 */
import { randomBytes } from 'node:crypto';

import {
  FileUpload,
  LargeFileUploadTask,
  type UploadResult,
} from '@microsoft/microsoft-graph-client';

import {
  type Session,
  TENANT,
  UNIT,
  type UploadKit,
  putRange,
  startUploadKit,
  uploadAll,
} from './graph-sim-uploadKit';

const MB = 1_000_000;

let k: UploadKit;

afterEach(() => k.t.close());

describe('upload sessions', () => {
  beforeEach(async () => {
    k = await startUploadKit();
  });

  it('when 5 MB goes up in 320 KiB-multiple fragments, then 202s name the next range, the last is 201 with the driveItem, and the bytes read back identical', async () => {
    const data = randomBytes(5 * MB);
    const session = await k.createSession('root:/42/7/big.bin');
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
      `/drives/${k.driveId}/root:/42/7`,
    );
    expect((await k.download('42/7/big.bin')).equals(data)).toBe(true);
    expect((await fetch(session.uploadUrl)).status).toBe(404); // a committed session is over
  });

  it('when a name is taken, then fail (the default) is 409 at creation, rename gives "name 1", replace ends with 200', async () => {
    await k.t.graphFetch(TENANT, 'PUT', `/drives/${k.driveId}/root:/e.txt:/content`, {
      body: Buffer.from('old'),
    });
    const failed = await k.t.graphFetch(
      TENANT,
      'POST',
      `/drives/${k.driveId}/root:/e.txt:/createUploadSession`,
    );
    expect(failed).toMatchObject({ status: 409, body: { error: { code: 'nameAlreadyExists' } } });
    const renamed = await k.createSession('root:/e.txt', {
      '@microsoft.graph.conflictBehavior': 'rename',
      name: 'e.txt',
    });
    expect(await putRange(renamed.uploadUrl, Buffer.from('new'), 0, 3)).toMatchObject({
      status: 201,
      body: { name: 'e 1.txt' },
    });
    const replaced = await k.createSession('root:/e.txt', {
      '@microsoft.graph.conflictBehavior': 'replace',
    });
    expect((await putRange(replaced.uploadUrl, Buffer.from('newer'), 0, 5)).status).toBe(200);
    expect((await k.download('e.txt')).toString()).toBe('newer');
  });

  it('when sessions are created by parent id, on the site drive, or for an existing item, then they commit there', async () => {
    const folder = await k.client
      .api(`/drives/${k.driveId}/root/children`)
      .post({ name: '43', folder: {} });
    const byParent = await k.createSession(`items/${folder.id}:/f.txt`);
    expect((await putRange(byParent.uploadUrl, Buffer.from('by parent'), 0, 9)).status).toBe(201);
    const onSite = await k.t.graphFetch(
      TENANT,
      'POST',
      `/sites/${k.site}/drive/items/${folder.id}:/g.txt:/createUploadSession`,
      { body: {} },
    );
    const siteUrl = (onSite.body as Session).uploadUrl;
    const created = await putRange(siteUrl, Buffer.from('on site'), 0, 7);
    expect(created.status).toBe(201);
    const existing = await k.t.graphFetch(
      TENANT,
      'POST',
      `/drives/${k.driveId}/items/${created.body.id as string}/createUploadSession`,
    );
    const existingUrl = (existing.body as Session).uploadUrl;
    expect((await putRange(existingUrl, Buffer.from('again'), 0, 5)).status).toBe(200);
    expect((await k.download('43/f.txt')).toString()).toBe('by parent');
    expect((await k.download('43/g.txt')).toString()).toBe('again');
  });

  it("when the Graph SDK's LargeFileUploadTask uploads 6 MB, then it completes with the driveItem", async () => {
    const data = randomBytes(6 * MB);
    const session = await LargeFileUploadTask.createUploadSession(
      k.client,
      `/drives/${k.driveId}/root:/sdk/big.bin:/createUploadSession`,
      { item: { '@microsoft.graph.conflictBehavior': 'rename' } },
    );
    const task = new LargeFileUploadTask(
      k.client,
      new FileUpload(data, 'big.bin', data.length),
      session,
      {
        rangeSize: 16 * UNIT,
      },
    );
    const result: UploadResult = await task.upload();
    expect(result.responseBody).toMatchObject({ name: 'big.bin', size: data.length });
    expect((await k.download('sdk/big.bin')).equals(data)).toBe(true);
  });

  it('when a simple upload is above 4 MiB, then it is stored: Graph documents 250 MB for simple upload', async () => {
    const data = randomBytes(5 * MB);
    const res = await k.t.graphFetch(
      TENANT,
      'PUT',
      `/drives/${k.driveId}/root:/simple.bin:/content`,
      {
        body: data,
      },
    );
    expect(res.status).toBe(201);
    expect((await k.download('simple.bin')).equals(data)).toBe(true);
  });
});

describe('upload session expiry', () => {
  // Every request that must find its session alive is sent about half a lifetime (2 s) before the
  // session expires, and the one that must find it gone after its own expirationDateTime: the
  // requests take milliseconds, so a slow machine cannot change the outcome.
  const LIFETIME_S = 4;

  beforeEach(async () => {
    k = await startUploadKit({ uploadSessionLifetimeSeconds: LIFETIME_S });
  });

  it('when a session outlives its expiration, then its URL answers 404; an accepted fragment extends it', async () => {
    const live = await k.createSession('root:/j.bin');
    const idle = await k.createSession('root:/k.bin');
    await new Promise((r) => setTimeout(r, (LIFETIME_S * 1000) / 2));
    const first = await putRange(live.uploadUrl, randomBytes(UNIT), 0, UNIT + 1);
    expect(first.status).toBe(202);
    expect(Date.parse(first.body.expirationDateTime as string)).toBeGreaterThan(
      Date.parse(live.expirationDateTime),
    );
    const pastIdle = Date.parse(idle.expirationDateTime) + 100 - Date.now();
    await new Promise((r) => setTimeout(r, Math.max(0, pastIdle)));
    expect((await putRange(idle.uploadUrl, Buffer.from('x'), 0, 1)).status).toBe(404);
    expect((await putRange(live.uploadUrl, Buffer.from('x'), UNIT, UNIT + 1)).status).toBe(201);
  });
});
