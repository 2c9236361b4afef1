/**
 * Graph simulator, file bytes and persistence: large files, put whole or through an upload
 * session, survive a restart byte for byte while the state JSON stays small (bytes live in a
 * directory beside it), bytes of replaced and deleted files are collected, and state files that
 * kept bytes inline as base64 still read.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { type TestSimulator, startTestSimulator } from '../../dev/graph-sim/testing';

const TENANT = '00000000-0000-4000-8000-00000000c0de';
const MiB = 1024 * 1024;

let t: TestSimulator;
let dir: string;
let stateFile: string;
let driveId: string;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'graph-sim-files-'));
  stateFile = join(dir, 'state.json');
  t = await startTestSimulator({ stateFile });
  const [site] = await t.addTenant(TENANT, 'contoso.sharepoint.com', ['/sites/helpdesk']);
  driveId = ((await t.graphFetch(TENANT, 'GET', `/sites/${site}/drive`)).body as { id: string }).id;
});

afterEach(async () => {
  await t.close();
  rmSync(dir, { recursive: true, force: true });
});

const put = (path: string, data: Buffer): ReturnType<TestSimulator['graphFetch']> =>
  t.graphFetch(TENANT, 'PUT', `/drives/${driveId}/root:/${path}:/content`, {
    body: data,
    headers: { 'content-type': 'application/octet-stream' },
  });

async function download(path: string): Promise<Buffer> {
  const token = await t.credential(TENANT).getToken('https://graph.microsoft.com/.default');
  const res = await fetch(`${t.url}/v1.0/drives/${driveId}/root:/${path}:/content`, {
    headers: { authorization: `Bearer ${token.token}` },
  });
  expect(res.status).toBe(200);
  return Buffer.from(await res.arrayBuffer());
}

const blobDir = (): string => join(dir, 'state.files');

describe('file bytes beside the state file', () => {
  it('when 6 MB and 30 MB files are stored and the simulator restarts, then both read back byte-identical and the state JSON stays small', async () => {
    const six = randomBytes(6 * MiB);
    const thirty = randomBytes(30 * MiB);
    expect((await put('1/six.bin', six)).status).toBe(201);
    expect((await put('1/thirty.bin', thirty)).status).toBe(201);
    await t.close();
    expect(statSync(stateFile).size).toBeLessThan(64 * 1024);

    t = await startTestSimulator({ stateFile });
    expect((await download('1/six.bin')).equals(six)).toBe(true);
    expect((await download('1/thirty.bin')).equals(thirty)).toBe(true);
  });

  it('when 30 MB arrive through an upload session and the simulator restarts, then they read back byte-identical', async () => {
    const data = randomBytes(30 * MiB);
    const created = await t.graphFetch(
      TENANT,
      'POST',
      `/drives/${driveId}/root:/2/big.bin:/createUploadSession`,
      { body: { item: { '@microsoft.graph.conflictBehavior': 'rename' } } },
    );
    const { uploadUrl } = created.body as { uploadUrl: string };
    const fragment = 32 * 320 * 1024; // 10 MiB
    let status = 0;
    for (let start = 0; start < data.length; start += fragment) {
      const part = data.subarray(start, start + fragment);
      const end = start + part.length - 1;
      const res = await fetch(uploadUrl, {
        method: 'PUT',
        headers: { 'content-range': `bytes ${start}-${end}/${data.length}` },
        body: part,
      });
      status = res.status;
    }
    expect(status).toBe(201);
    await t.close();
    expect(statSync(stateFile).size).toBeLessThan(64 * 1024);

    t = await startTestSimulator({ stateFile });
    expect((await download('2/big.bin')).equals(data)).toBe(true);
  });

  it('when a file is replaced and another deleted, then their old bytes are collected after the save', async () => {
    await put('a.bin', randomBytes(1000));
    const gone = (await put('b.bin', randomBytes(1000))).body as { id: string };
    expect(readdirSync(blobDir())).toHaveLength(2);
    await put('a.bin', Buffer.from('new bytes'));
    await t.graphFetch(TENANT, 'DELETE', `/drives/${driveId}/items/${gone.id}`);
    await t.close();
    expect(readdirSync(blobDir())).toHaveLength(1);
    t = await startTestSimulator({ stateFile });
    expect((await download('a.bin')).toString()).toBe('new bytes');
  });

  it('when a state file keeps bytes inline as base64, then they still read back', async () => {
    const created = (await put('old.txt', Buffer.from('x'))).body as { id: string };
    await t.close();
    const state = JSON.parse(readFileSync(stateFile, 'utf8'));
    const drive = state.tenants[0].sites[0].lists[0].drive;
    const item = drive.items[created.id];
    delete item.blob;
    item.content = Buffer.from('kept inline').toString('base64');
    writeFileSync(stateFile, JSON.stringify(state));

    t = await startTestSimulator({ stateFile });
    expect((await download('old.txt')).toString()).toBe('kept inline');
  });
});
