/**
 * Graph simulator, column defaults through the real Graph SDK: a column keeps the defaultValue it
 * is created or patched with, and a new item that leaves the field out gets it.
 */
import type { Client } from '@microsoft/microsoft-graph-client';

import { type TestSimulator, startTestSimulator } from '../../dev/graph-sim/testing';

const TENANT = '00000000-0000-4000-8000-00000000c0de';

let t: TestSimulator;
let client: Client;
let lists: string;

beforeEach(async () => {
  t = await startTestSimulator();
  const [site = ''] = await t.addTenant(TENANT, 'contoso.sharepoint.com', ['/sites/helpdesk']);
  client = t.client(TENANT);
  lists = `/sites/${site}/lists`;
});

afterEach(() => t.close());

interface Column {
  id: string;
  name: string;
  defaultValue?: { value?: string };
  choice?: { choices?: string[] };
}

async function comments(): Promise<{ id: string; columns: Column[] }> {
  const list: { id: string } = await client.api(lists).post({
    displayName: 'Comments',
    list: { template: 'genericList' },
    columns: [
      {
        name: 'MailStatus',
        choice: { choices: ['To send', 'Sent'] },
        defaultValue: { value: 'To send' },
      },
      { name: 'Note', text: {} },
    ],
  });
  const { value } = await client.api(`${lists}/${list.id}/columns`).get();
  return { id: list.id, columns: value as Column[] };
}

const create = async (listId: string, fields: object): Promise<Record<string, unknown>> =>
  ((await client.api(`${lists}/${listId}/items`).post({ fields })) as { fields: object })
    .fields as Record<string, unknown>;

it('when an item leaves out a column with a default, then it gets the default; one that sets it keeps its value', async () => {
  const list = await comments();
  expect(list.columns.find((c) => c.name === 'MailStatus')?.defaultValue).toEqual({
    value: 'To send',
  });
  expect(await create(list.id, { Title: 'agent' })).toMatchObject({ MailStatus: 'To send' });
  expect(await create(list.id, { Title: 'mail', MailStatus: 'Sent' })).toMatchObject({
    MailStatus: 'Sent',
  });
  expect(await create(list.id, { Title: 'none' })).not.toHaveProperty('Note');
});

it('when a column is patched with new choices and a default, or its default removed, then items created after follow it', async () => {
  const list = await comments();
  const note = list.columns.find((c) => c.name === 'Note')!;
  const status = list.columns.find((c) => c.name === 'MailStatus')!;
  const patched: Column = await client
    .api(`${lists}/${list.id}/columns/${note.id}`)
    .patch({ defaultValue: { value: 'n/a' } });
  expect(patched.defaultValue).toEqual({ value: 'n/a' });
  await client
    .api(`${lists}/${list.id}/columns/${status.id}`)
    .patch({ choice: { choices: ['To send', 'Sent', 'Received'] }, defaultValue: null });

  const item = await create(list.id, { Title: 'later' });
  expect(item).toMatchObject({ Note: 'n/a' });
  expect(item).not.toHaveProperty('MailStatus');
  const read: Column = await client.api(`${lists}/${list.id}/columns/${status.id}`).get();
  expect(read.choice?.choices).toEqual(['To send', 'Sent', 'Received']);
  expect(read).not.toHaveProperty('defaultValue');
});

it('when a default is neither value nor formula, or both, then the column is refused', async () => {
  const bad = (displayName: string, defaultValue: unknown) =>
    client.api(lists).post({
      displayName,
      list: { template: 'genericList' },
      columns: [{ name: 'X', text: {}, defaultValue }],
    });
  await expect(bad('Numbers', { value: 1 })).rejects.toMatchObject({ statusCode: 400 });
  await expect(bad('Both', { value: 'a', formula: '=1' })).rejects.toMatchObject({
    statusCode: 400,
  });
});
