/**
 * Graph simulator, document libraries: drives of a site and of a library list, simple upload with
 * implicit folders and conflictBehavior, reading items, children and content back.
 */
import type { Client } from '@microsoft/microsoft-graph-client';

import { type TestSimulator, startTestSimulator } from '../../dev/graph-sim/testing';

const TENANT = '00000000-0000-4000-8000-00000000c0de';
const OTHER_TENANT = '00000000-0000-4000-8000-0000000000b2';

let t: TestSimulator;
let client: Client;
let site: string;
let driveId: string;

beforeEach(async () => {
  t = await startTestSimulator();
  [site = ''] = await t.addTenant(TENANT, 'contoso.sharepoint.com', ['/sites/helpdesk']);
  await t.addTenant(OTHER_TENANT, 'fabrikam.sharepoint.com', ['/sites/helpdesk']);
  client = t.client(TENANT);
  const lib = await client
    .api(`/sites/${site}/lists`)
    .post({ displayName: 'Ticket Attachments', list: { template: 'documentLibrary' } });
  driveId = (await client.api(`/sites/${site}/lists/${lib.id}/drive`).get()).id;
});

afterEach(() => t.close());

const put = (
  path: string,
  data: string,
  conflict?: string,
): ReturnType<TestSimulator['graphFetch']> =>
  t.graphFetch(
    TENANT,
    'PUT',
    `/drives/${driveId}/root:/${path}:/content${conflict ? `?@microsoft.graph.conflictBehavior=${conflict}` : ''}`,
    {
      body: Buffer.from(data),
      headers: { 'content-type': 'application/octet-stream' },
    },
  );

describe('drives', () => {
  it('when a site has libraries, then its drives are the Documents library and each documentLibrary list', async () => {
    const drives = (await client.api(`/sites/${site}/drives`).get()).value as {
      id: string;
      name: string;
      driveType: string;
    }[];
    expect(drives.map((d) => d.name)).toEqual(['Documents', 'Ticket Attachments']);
    expect(drives.every((d) => d.driveType === 'documentLibrary')).toBe(true);
    expect((await client.api(`/sites/${site}/drive`).get()).name).toBe('Documents');
    expect((await client.api(`/drives/${driveId}`).get()).webUrl).toBe(
      'https://contoso.sharepoint.com/sites/helpdesk/TicketAttachments',
    );
  });

  it('when a file is put under missing folders, then 201, the folders exist and the bytes read back', async () => {
    const res = await put('42/7/r%C3%A9sum%C3%A9 1.txt', 'hello');
    expect(res.status).toBe(201);
    const created = res.body as {
      id: string;
      name: string;
      size: number;
      file: { mimeType: string };
      parentReference: { path: string };
    };
    expect(created).toMatchObject({
      name: 'résumé 1.txt',
      size: 5,
      file: { mimeType: 'text/plain' },
    });
    expect(created.parentReference.path).toBe(`/drives/${driveId}/root:/42/7`);
    const folder = await client.api(`/drives/${driveId}/root:/42`).get();
    expect(folder.folder).toEqual({ childCount: 1 });
    const children = await client.api(`/drives/${driveId}/root:/42/7:/children`).get();
    expect(children.value.map((c: { id: string }) => c.id)).toEqual([created.id]);
    const content = await t.graphFetch(
      TENANT,
      'GET',
      `/drives/${driveId}/items/${created.id}/content`,
    );
    expect(content.body).toBe('hello');
  });

  it('when a name is taken, then replace (default) gives 200, fail gives 409 nameAlreadyExists, rename gives "name 1"', async () => {
    const first = await put('a.txt', 'one');
    const replaced = await put('a.txt', 'two');
    expect(replaced.status).toBe(200);
    expect((replaced.body as { id: string }).id).toBe((first.body as { id: string }).id);
    const failed = await put('a.txt', 'three', 'fail');
    expect(failed.status).toBe(409);
    expect(failed.body).toMatchObject({ error: { code: 'nameAlreadyExists' } });
    const renamed = await put('a.txt', 'four', 'rename');
    expect(renamed.status).toBe(201);
    expect(renamed.body).toMatchObject({ name: 'a 1.txt' });
  });

  it('when a file is put by parent id and name through the SDK, then 201 and it is readable by path', async () => {
    const folder = await client
      .api(`/drives/${driveId}/root/children`)
      .post({ name: '43', folder: {} });
    const file = await client
      .api(`/drives/${driveId}/items/${folder.id}:/note.eml:/content`)
      .put('From: a@b');
    expect(file).toMatchObject({ name: 'note.eml', file: { mimeType: 'message/rfc822' } });
    expect((await client.api(`/drives/${driveId}/root:/43/note.eml`).get()).id).toBe(file.id);
  });

  it('when a name has characters SharePoint forbids, then 400', async () => {
    const res = await put('bad%3F.txt', 'x');
    expect(res.status).toBe(400);
  });

  it("when another tenant's app reads the drive, then 403", async () => {
    await expect(
      t.client(OTHER_TENANT).api(`/drives/${driveId}/root/children`).get(),
    ).rejects.toMatchObject({ statusCode: 403 });
  });

  it('when a file is deleted, then 204 and it is gone', async () => {
    const created = (await put('gone.txt', 'x')).body as { id: string };
    expect(
      (await t.graphFetch(TENANT, 'DELETE', `/drives/${driveId}/items/${created.id}`)).status,
    ).toBe(204);
    await expect(client.api(`/drives/${driveId}/items/${created.id}`).get()).rejects.toMatchObject({
      statusCode: 404,
    });
  });
});
