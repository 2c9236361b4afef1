/**
 * Graph simulator, upload session fragments: 416 invalidRange for a range already received, out of
 * order or outside the file; 400 for fragment sizes, lengths and totals that break the rules; 401
 * for a bearer token sent to the pre-authenticated URL; 404 after cancel; a throttled fragment.
 */
import { randomBytes } from 'node:crypto';

import {
  type Session,
  TENANT,
  UNIT,
  type UploadKit,
  putRange,
  startUploadKit,
} from './graph-sim-uploadKit';

let k: UploadKit;

beforeEach(async () => {
  k = await startUploadKit();
});

afterEach(() => k.t.close());

describe('upload session fragments', () => {
  it('when a fragment overlaps what was received or skips ahead, then 416 invalidRange and the session goes on from nextExpectedRanges', async () => {
    const data = randomBytes(3 * UNIT + 10);
    const { uploadUrl } = await k.createSession('root:/a.bin');
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
    expect((await k.download('a.bin')).equals(data)).toBe(true);
  });

  it('when a middle fragment is not a multiple of 320 KiB, its length disagrees or its total changes, then 400', async () => {
    const data = randomBytes(2 * UNIT + 1);
    const { uploadUrl } = await k.createSession('root:/b.bin');
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
    const { uploadUrl } = await k.createSession('root:/c.bin');
    const res = await putRange(uploadUrl, Buffer.from('x'), 0, 1, { authorization: 'Bearer x' });
    expect(res.status).toBe(401);
  });

  it('when a session is cancelled, then 204 and its URL answers 404; an unknown URL is 404', async () => {
    const { uploadUrl } = await k.createSession('root:/d.bin');
    expect((await fetch(uploadUrl, { method: 'DELETE' })).status).toBe(204);
    expect((await putRange(uploadUrl, Buffer.from('x'), 0, 1)).status).toBe(404);
    const unknown = new URL('/upload-sessions/nope', uploadUrl).toString();
    expect((await putRange(unknown, Buffer.from('x'), 0, 1)).status).toBe(404);
  });

  it('when the body names another file, has a bad fileSize, or a fragment disagrees with fileSize, then 400', async () => {
    const post = (item: object) =>
      k.t.graphFetch(TENANT, 'POST', `/drives/${k.driveId}/root:/h.txt:/createUploadSession`, {
        body: { item },
      });
    expect((await post({ name: 'other.txt' })).status).toBe(400);
    expect((await post({ fileSize: -1 })).status).toBe(400);
    const { uploadUrl } = (await post({ fileSize: 4 })).body as Session;
    expect((await putRange(uploadUrl, Buffer.from('12345'), 0, 5)).status).toBe(400);
    expect((await putRange(uploadUrl, Buffer.from('1234'), 0, 4)).status).toBe(201);
  });

  it('when the fault knob throttles a fragment, then 429 with Retry-After and the same fragment is accepted when resent', async () => {
    const { uploadUrl } = await k.createSession('root:/i.bin');
    await k.t.admin('PUT', '/_admin/faults', { rate: 1, status: 429, retryAfterSeconds: 2 });
    const res = await fetch(uploadUrl, {
      method: 'PUT',
      headers: { 'content-range': 'bytes 0-2/3' },
      body: 'abc',
    });
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('2');
    await k.t.admin('PUT', '/_admin/faults', { rate: 0 });
    expect((await putRange(uploadUrl, Buffer.from('abc'), 0, 3)).status).toBe(201);
    const stats = (await k.t.admin('GET', '/_admin/stats')).body as {
      byMethodAndRoute: Record<string, number>;
    };
    expect(stats.byMethodAndRoute['PUT /upload-sessions/{session-id}']).toBe(2);
  });
});
