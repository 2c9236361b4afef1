/**
 * Graph simulator, SharePoint lists through the real Graph SDK: lists and columns, list items and
 * the SharePoint rules the service depends on (indexed filters, lookups, limits, unique columns,
 * eTags, paging by absolute nextLink).
 */
import { type Client, PageIterator } from '@microsoft/microsoft-graph-client';

import { type TestSimulator, startTestSimulator } from '../../dev/graph-sim/testing';

const TENANT = '00000000-0000-4000-8000-00000000c0de';
const HONOR = { Prefer: 'HonorNonIndexedQueriesWarningMayFailRandomly' };

let t: TestSimulator;
let client: Client;
let site: string;

beforeEach(async () => {
  t = await startTestSimulator();
  [site = ''] = await t.addTenant(TENANT, 'contoso.sharepoint.com', ['/sites/helpdesk']);
  client = t.client(TENANT);
});

afterEach(() => t.close());

interface Item {
  id: string;
  eTag: string;
  fields: Record<string, unknown>;
}

const contactsList = (): Promise<{ id: string }> =>
  client.api(`/sites/${site}/lists`).post({
    displayName: 'Contacts',
    columns: [{ name: 'Email', text: {}, indexed: true, enforceUniqueValues: true }],
    list: { template: 'genericList' },
  });

async function ticketsList(contactsId: string): Promise<{ id: string }> {
  return client.api(`/sites/${site}/lists`).post({
    displayName: 'Tickets',
    columns: [
      { name: 'Body', text: { allowMultipleLines: true, textType: 'richText' } },
      { name: 'Status', choice: { choices: ['New', 'Solved'] } },
      { name: 'Requester', lookup: { listId: contactsId, columnName: 'Title' }, indexed: true },
      {
        name: 'Cc',
        lookup: { listId: contactsId, columnName: 'Title', allowMultipleValues: true },
      },
      { name: 'MailKey', text: {}, indexed: true, enforceUniqueValues: true },
      { name: 'Mailbox', text: {} },
    ],
  });
}

const items = (list: string): string => `/sites/${site}/lists/${list}/items`;
const create = (list: string, fields: Record<string, unknown>): Promise<Item> =>
  client.api(items(list)).post({ fields });

describe('lists and columns', () => {
  it('when a genericList is created, then it has Title and its columns and is found by id, by title and by $filter', async () => {
    const list = await contactsList();
    const byId = await client.api(`/sites/${site}/lists/${list.id}`).get();
    const byTitle = await client.api(`/sites/${site}/lists/Contacts`).get();
    const filtered = await client
      .api(`/sites/${site}/lists`)
      .filter("displayName eq 'Contacts'")
      .get();
    expect(byId).toMatchObject({
      id: list.id,
      displayName: 'Contacts',
      list: { template: 'genericList' },
    });
    expect(byTitle.id).toBe(list.id);
    expect(filtered.value.map((l: { id: string }) => l.id)).toEqual([list.id]);
    const columns = (await client.api(`/sites/${site}/lists/${list.id}/columns`).get()).value as {
      name: string;
    }[];
    expect(columns.map((c) => c.name)).toEqual(expect.arrayContaining(['Title', 'Email']));
  });

  it("when the body names the list, then 400: the server assigns 'name'", async () => {
    await expect(
      client.api(`/sites/${site}/lists`).post({ name: 'Tickets', displayName: 'Tickets' }),
    ).rejects.toMatchObject({
      statusCode: 400,
      message: expect.stringContaining("Cannot define a 'name' for a list"),
    });
  });

  it('when a list with the same title exists, then 409 nameAlreadyExists', async () => {
    await contactsList();
    await expect(contactsList()).rejects.toMatchObject({
      statusCode: 409,
      code: 'nameAlreadyExists',
    });
  });

  it('when a column is added and then indexed, then filtering on it needs no Prefer header any more', async () => {
    const list = await contactsList();
    const col = await client
      .api(`/sites/${site}/lists/${list.id}/columns`)
      .post({ name: 'Phone', text: {} });
    await expect(
      client.api(items(list.id)).filter("fields/Phone eq '1'").get(),
    ).rejects.toMatchObject({ statusCode: 400 });
    const patched = await client
      .api(`/sites/${site}/lists/${list.id}/columns/${col.id}`)
      .patch({ indexed: true });
    expect(patched).toMatchObject({ name: 'Phone', indexed: true });
    await expect(
      client.api(items(list.id)).filter("fields/Phone eq '1'").get(),
    ).resolves.toMatchObject({ value: [] });
  });
});

describe('list items', () => {
  it('when items are created, then each is a 201 listItem with an increasing integer id, an eTag and its fields', async () => {
    const list = await contactsList();
    const first = await create(list.id, { Title: 'Ann', Email: 'ann@example.com' });
    const second = await create(list.id, { Title: 'Bob', Email: 'bob@example.com' });
    expect([first.id, second.id]).toEqual(['1', '2']);
    expect(first).toMatchObject({
      webUrl: 'https://contoso.sharepoint.com/sites/helpdesk/Lists/Contacts/1_.000',
      parentReference: { siteId: site },
      fields: { Title: 'Ann', Email: 'ann@example.com', id: '1' },
    });
    expect(first.eTag).toMatch(/^"[0-9a-f-]{36},1"$/);
    const read = await client
      .api(`${items(list.id)}/2`)
      .expand('fields')
      .get();
    expect(read.fields).toMatchObject({ Title: 'Bob' });
  });

  it('when a field does not exist, then 400 "Field \'X\' is not recognized"', async () => {
    const list = await contactsList();
    await expect(create(list.id, { Title: 'x', Phone: '1' })).rejects.toMatchObject({
      statusCode: 400,
      code: 'invalidRequest',
      message: "Field 'Phone' is not recognized",
    });
  });

  it('when text passes its limit (255 single line, 63,999 multi-line), then 400, and at the limit it is stored', async () => {
    const tickets = await ticketsList((await contactsList()).id);
    await expect(create(tickets.id, { Title: 'x'.repeat(256) })).rejects.toMatchObject({
      statusCode: 400,
    });
    await expect(create(tickets.id, { Body: 'x'.repeat(64_000) })).rejects.toMatchObject({
      statusCode: 400,
    });
    const ok = await create(tickets.id, { Title: 'x'.repeat(255), Body: 'y'.repeat(63_999) });
    expect((ok.fields.Body as string).length).toBe(63_999);
  });

  it('when lookups are written as XLookupId, then they read back as strings and can be filtered on', async () => {
    const contacts = await contactsList();
    const tickets = await ticketsList(contacts.id);
    for (const n of [1, 2, 3, 4, 5])
      await create(contacts.id, { Title: `C${n}`, Email: `c${n}@example.com` });
    const ticket = await create(tickets.id, {
      Title: 'Printer',
      RequesterLookupId: 5,
      'CcLookupId@odata.type': 'Collection(Edm.Int32)',
      CcLookupId: [3, 4],
    });
    expect(ticket.fields.RequesterLookupId).toBe('5');
    expect(ticket.fields.Cc).toEqual([
      { LookupId: 3, LookupValue: 'C3' },
      { LookupId: 4, LookupValue: 'C4' },
    ]);
    const found = await client
      .api(items(tickets.id))
      .filter('fields/RequesterLookupId eq 5')
      .expand('fields')
      .get();
    expect(found.value.map((i: Item) => i.id)).toEqual([ticket.id]);
  });

  it('when a multi-value lookup lacks its Collection(Edm.Int32) annotation, then 400', async () => {
    const contacts = await contactsList();
    const tickets = await ticketsList(contacts.id);
    await expect(create(tickets.id, { Title: 'x', CcLookupId: [1, 2] })).rejects.toMatchObject({
      statusCode: 400,
    });
  });

  it('when the filter names a non-indexed column, then the exact 400 unless Prefer: HonorNonIndexedQueriesWarningMayFailRandomly', async () => {
    const tickets = await ticketsList((await contactsList()).id);
    await create(tickets.id, { Title: 'a', Status: 'New', MailKey: 'k1' });
    await create(tickets.id, { Title: 'b', Status: 'Solved', MailKey: 'k2' });
    await expect(
      client.api(items(tickets.id)).filter("fields/Status eq 'New'").get(),
    ).rejects.toMatchObject({
      statusCode: 400,
      code: 'invalidRequest',
      message:
        "Field 'Status' cannot be referenced in filter or orderby as it is not indexed. Provide the 'Prefer: HonorNonIndexedQueriesWarningMayFailRandomly' header to allow this, but be warned that such queries may fail on large lists.",
    });
    const honoured = await client
      .api(items(tickets.id))
      .headers(HONOR)
      .filter("fields/Status eq 'New'")
      .expand('fields')
      .get();
    expect(honoured.value.map((i: Item) => i.fields.Title)).toEqual(['a']);
    const both = await client
      .api(items(tickets.id))
      .filter("fields/MailKey eq 'k2' and fields/RequesterLookupId eq 7")
      .get();
    expect(both.value).toEqual([]);
    const indexed = await client
      .api(items(tickets.id))
      .filter("fields/MailKey eq 'K2'")
      .expand('fields($select=Title)')
      .get();
    expect(indexed.value[0].fields).toEqual({ '@odata.etag': expect.any(String), Title: 'b' });
  });

  it('when a page is smaller than the list, then an absolute https nextLink leads through every item (PageIterator)', async () => {
    const list = await contactsList();
    for (const n of [1, 2, 3, 4, 5])
      await create(list.id, { Title: `C${n}`, Email: `c${n}@example.com` });
    const first = await client.api(items(list.id)).expand('fields').top(2).get();
    expect(first['@odata.nextLink']).toMatch(new RegExp(`^${t.url}/v1\\.0/sites/[^?]+/items\\?`));
    const titles: string[] = [];
    await new PageIterator(client, first, (item: Item) => {
      titles.push(String(item.fields.Title));
      return true;
    }).iterate();
    expect(titles).toEqual(['C1', 'C2', 'C3', 'C4', 'C5']);
  });

  it('when a unique column would hold a value twice (create or update, any case), then 400 invalidRequest', async () => {
    const list = await contactsList();
    await create(list.id, { Title: 'Ann', Email: 'ann@example.com' });
    const bob = await create(list.id, { Title: 'Bob', Email: 'bob@example.com' });
    const duplicate = {
      statusCode: 400,
      code: 'invalidRequest',
      message: 'One or more fields with unique constraints already has the provided value.',
    };
    await expect(
      create(list.id, { Title: 'Ann 2', Email: 'ANN@example.com' }),
    ).rejects.toMatchObject(duplicate);
    await expect(
      client.api(`${items(list.id)}/${bob.id}/fields`).patch({ Email: 'ann@example.com' }),
    ).rejects.toMatchObject(duplicate);
    await expect(
      client.api(`${items(list.id)}/${bob.id}/fields`).patch({ Email: 'bob@example.com' }),
    ).resolves.toBeDefined();
  });

  it('when fields are patched, then 200 with the whole fieldValueSet; a stale If-Match gets 412', async () => {
    const list = await contactsList();
    const ann = await create(list.id, { Title: 'Ann', Email: 'ann@example.com' });
    const fieldsUrl = `${items(list.id)}/${ann.id}/fields`;
    const updated = await client
      .api(fieldsUrl)
      .header('If-Match', ann.eTag)
      .patch({ Title: 'Ann B.' });
    expect(updated).toMatchObject({
      Title: 'Ann B.',
      Email: 'ann@example.com',
      id: ann.id,
      _UIVersionString: '2.0',
    });
    await expect(
      client.api(fieldsUrl).header('If-Match', ann.eTag).patch({ Title: 'again' }),
    ).rejects.toMatchObject({ statusCode: 412 });
  });

  it('when an item is deleted, then 204 and it is gone', async () => {
    const list = await contactsList();
    const ann = await create(list.id, { Title: 'Ann', Email: 'ann@example.com' });
    const res = await t.graphFetch(TENANT, 'DELETE', `${items(list.id)}/${ann.id}`);
    expect(res.status).toBe(204);
    await expect(client.api(`${items(list.id)}/${ann.id}`).get()).rejects.toMatchObject({
      statusCode: 404,
    });
  });

  it('when items are posted to a document library, then 400: files go through the drive', async () => {
    const lib = await client
      .api(`/sites/${site}/lists`)
      .post({ displayName: 'Ticket Attachments', list: { template: 'documentLibrary' } });
    await expect(create(lib.id, { Title: 'x' })).rejects.toMatchObject({ statusCode: 400 });
  });
});
