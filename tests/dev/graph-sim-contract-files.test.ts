/**
 * Contract for large files and batches: createUploadSession in its three forms, the upload URL's
 * answers (202 uploadSession, 201/200 driveItem, 416 and 409 envelopes), and $batch, whose answers'
 * bodies are checked against the operation each request addressed.
 */
import { type TestSimulator, startTestSimulator } from '../../dev/graph-sim/testing';
import { type Schema, expectValid, operationSchema } from './graph-sim-openapi';

const TENANT = '00000000-0000-4000-8000-00000000c0de';
const UNIT = 327_680;
const UPLOAD_URL = '/upload-sessions/{session-id}';

let t: TestSimulator;
let site: string;
let driveId: string;
let folderId: string;

beforeAll(async () => {
  t = await startTestSimulator();
  [site = ''] = await t.addTenant(TENANT, 'contoso.sharepoint.com', ['/sites/helpdesk']);
  driveId = ((await t.graphFetch(TENANT, 'GET', `/sites/${site}/drive`)).body as { id: string }).id;
  const folder = await t.graphFetch(TENANT, 'POST', `/drives/${driveId}/root/children`, {
    body: { name: 'contract', folder: {} },
  });
  folderId = (folder.body as { id: string }).id;
});

afterAll(() => t.close());

/** A Graph call whose status and body must fit the operation `template`. */
async function graph(
  template: string,
  method: string,
  path: string,
  status: number,
  body?: unknown,
): Promise<Record<string, unknown>> {
  const res = await t.graphFetch(TENANT, method.toUpperCase(), path, { body });
  expect({ path, status: res.status }).toEqual({ path, status });
  expectValid(
    operationSchema(template, method, status),
    res.body,
    `${method} ${template} ${status}`,
  );
  return res.body as Record<string, unknown>;
}

/** A fragment on the upload URL, checked against the simulator's stand-in operation. */
async function fragment(url: string, data: Buffer, start: number, total: number, status: number) {
  const res = await fetch(url, {
    method: 'PUT',
    headers: { 'content-range': `bytes ${start}-${start + data.length - 1}/${total}` },
    body: data,
  });
  expect(res.status).toBe(status);
  const body: unknown = await res.json();
  expectValid(operationSchema(UPLOAD_URL, 'put', status), body, `PUT upload URL ${status}`);
  return body as Record<string, unknown>;
}

describe('contract for uploads and batches', () => {
  it('when sessions are created, fragments put, reported and cancelled, then every answer fits its operation', async () => {
    const byPath = await graph(
      '/drives/{drive-id}/root:/{item-path}:/createUploadSession',
      'post',
      `/drives/${driveId}/root:/contract/a.bin:/createUploadSession`,
      200,
      { item: { '@microsoft.graph.conflictBehavior': 'rename', name: 'a.bin' } },
    );
    const url = byPath.uploadUrl as string;
    const data = Buffer.alloc(UNIT + 100, 7);
    await fragment(url, data.subarray(0, UNIT), 0, data.length, 202);
    await fragment(url, data.subarray(0, UNIT), 0, data.length, 416);
    const status = await fetch(url);
    expectValid(operationSchema(UPLOAD_URL, 'get', 200), await status.json(), 'GET upload URL');
    await fragment(url, data.subarray(UNIT), UNIT, data.length, 201);

    const byParent = await graph(
      '/drives/{drive-id}/items/{parent-id}:/{filename}:/createUploadSession',
      'post',
      `/drives/${driveId}/items/${folderId}:/a.bin:/createUploadSession`,
      200,
      { item: { '@microsoft.graph.conflictBehavior': 'replace' } },
    );
    await fragment(byParent.uploadUrl as string, Buffer.from('replaced'), 0, 8, 200);

    const site409 = '/sites/{site-id}/drive/items/{parent-id}:/{filename}:/createUploadSession';
    const onSite = `/sites/${site}/drive/items/${folderId}`;
    await graph(site409, 'post', `${onSite}:/a.bin:/createUploadSession`, 409, {
      item: { '@microsoft.graph.conflictBehavior': 'fail' },
    });
    const cancelled = await graph(site409, 'post', `${onSite}:/b.bin:/createUploadSession`, 200);
    const res = await fetch(cancelled.uploadUrl as string, { method: 'DELETE' });
    expect(res.status).toBe(204);
    expect(await res.text()).toBe('');
  });

  it('when a batch answers, then the envelope fits batch.response and each body fits the operation it addressed', async () => {
    const items = `/sites/${site}/lists/Documents/items`;
    await t.admin('PUT', '/_admin/faults', { rate: 0.25, status: 429, retryAfterSeconds: 1 });
    const batch = await graph('/$batch', 'post', '/$batch', 200, {
      requests: [
        { id: '1', method: 'GET', url: `/sites/${site}` },
        { id: '2', method: 'GET', url: `/sites/${site}/lists?$filter=displayName eq 'Documents'` },
        { id: '3', method: 'GET', url: `/sites/${site}/drive` },
        { id: '4', method: 'GET', url: `${items}?$expand=fields`, dependsOn: ['3'] },
        { id: '5', method: 'GET', url: `/sites/${site}/lists/Nowhere` },
        { id: '6', method: 'GET', url: `/sites/${site}`, dependsOn: ['5'] },
      ],
    });
    await t.admin('PUT', '/_admin/faults', { rate: 0 });
    const operations: Record<string, string> = {
      '1': '/sites/{site-id}',
      '2': '/sites/{site-id}/lists',
      '3': '/sites/{site-id}/drive',
      '4': '/sites/{site-id}/lists/{list-id}/items',
      '5': '/sites/{site-id}/lists/{list-id}',
      '6': '/sites/{site-id}',
    };
    const answers = batch.responses as { id: string; status: number; body: unknown }[];
    // Request 4 is the fourth Graph call since the knob was set, so rate 0.25 throttles it.
    expect(answers.map((a) => [a.id, a.status]).sort()).toEqual([
      ['1', 200],
      ['2', 200],
      ['3', 200],
      ['4', 429],
      ['5', 404],
      ['6', 424],
    ]);
    for (const a of answers) {
      const schema: Schema = operationSchema(operations[a.id] ?? '', 'get', a.status);
      expectValid(schema, a.body, `batch answer ${a.id} (${a.status})`);
    }
    await graph('/$batch', 'post', '/$batch', 400, { requests: [] });
  });
});
