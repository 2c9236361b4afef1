/**
 * The outbox on the helpdesk's items (issue 9's foundation) through the real Graph client against
 * the simulator: found by the indexed MailStatus, claimed by one sender only, marked once sent.
 * What an agent would do in SharePoint (set MailStatus on an item) is a plain fields write here.
 */
import type { Graph } from '../../lib/sharepoint/graph';
import type { HelpdeskSite } from '../../lib/sharepoint/helpdesk';
import { GraphOutbox, type OutboxList } from '../../lib/sharepoint/outbox';
import type { HelpdeskIds } from '../../lib/sharepoint/provision';
import { type SimWorld, aTicket, newKey } from './sharepointSim';
import { startOutboxWorld } from './outboxSim';

let world: SimWorld;
let graph: Graph;
let ids: HelpdeskIds;
let site: HelpdeskSite;
let outbox: GraphOutbox;
let requesterId: string;

beforeAll(async () => {
  ({ world, graph, ids, site, requesterId } = await startOutboxWorld());
  outbox = new GraphOutbox(graph, ids);
});

afterAll(() => world?.close());

const fieldsPath = (list: OutboxList, id: string): string =>
  `/sites/${ids.siteId}/lists/${ids.lists[list]}/items/${id}/fields`;

/** An item's fields as an agent's view would show them. */
const readFields = (list: OutboxList, id: string): Promise<Record<string, unknown>> =>
  graph.get(fieldsPath(list, id), { op: 'test: read fields' });

/** What an agent does in the item's form. */
const setFields = (list: OutboxList, id: string, fields: object): Promise<unknown> =>
  graph.patch(fieldsPath(list, id), fields, { op: 'test: agent edit' });

async function aTicketIn(status?: string): Promise<string> {
  const { id } = await site.createTicket(aTicket(requesterId, newKey()));
  if (status) await setFields('tickets', id, { MailStatus: status });
  return id;
}

/** A comment as an agent adds it in SharePoint: no MailKey (that is a comment from mail's). */
async function anAgentComment(ticketId: string, body: string): Promise<string> {
  const { id } = await graph.post<{ id: string }>(
    `/sites/${ids.siteId}/lists/${ids.lists.comments}/items`,
    {
      fields: {
        Title: 'Re: Printer on fire',
        Body: body,
        TicketLookupId: ticketId,
        Internal: false,
      },
    },
    { op: 'test: agent adds a comment' },
  );
  await setFields('comments', id, { MailStatus: 'To send' });
  return id;
}

it('when items have several statuses, then findOutbox returns those of the one asked for, in one request', async () => {
  const first = await aTicketIn('To send');
  const sent = await aTicketIn('Sent');
  await aTicketIn(); // no status: an item from before the outbox, or one from mail
  const second = await aTicketIn('To send');

  const { result, requests } = await world.counted(() =>
    outbox.findOutbox('tickets', 'To send', 10),
  );
  expect(requests).toBe(1);
  expect(result.map((t) => t.id)).toEqual([first, second]);
  expect(result[0]).toEqual({
    list: 'tickets',
    id: first,
    eTag: expect.any(String),
    status: 'To send',
    title: 'Printer on fire',
    requesterId,
    mailbox: 'support@contoso.com',
    modifiedAt: expect.any(Date),
  });
  expect((await outbox.findOutbox('tickets', 'Sent', 10)).map((t) => t.id)).toEqual([sent]);
  expect((await outbox.findOutbox('tickets', 'To send', 1)).map((t) => t.id)).toEqual([first]);

  const comment = await anAgentComment(first, '<p>It is out now.</p>');
  expect(await outbox.findOutbox('comments', 'To send', 10)).toEqual([
    {
      list: 'comments',
      id: comment,
      eTag: expect.any(String),
      status: 'To send',
      ticketId: first,
      body: '<p>It is out now.</p>',
      internal: false,
      modifiedAt: expect.any(Date),
    },
  ]);
});

it('when two senders claim the same comment at once, then exactly one gets it and its Message-ID is stored', async () => {
  const comment = await anAgentComment(await aTicketIn(), '<p>Race</p>');
  const [item] = (await outbox.findOutbox('comments', 'To send', 10)).filter(
    (c) => c.id === comment,
  );
  const claims = await Promise.all([
    outbox.claimOutboxItem(item!, '<a@contoso.com>'),
    outbox.claimOutboxItem(item!, '<b@contoso.com>'),
  ]);
  const won = claims.filter((c) => c !== undefined);
  expect(won).toHaveLength(1);
  expect(won[0]).toMatchObject({ id: comment, status: 'Sending' });
  expect(won[0]!.eTag).not.toBe(item!.eTag);
  expect(await readFields('comments', comment)).toMatchObject({
    MailStatus: 'Sending',
    MessageId: won[0]!.messageId,
  });
  // A third sender with the old read, and one whose item was deleted, get nothing either.
  expect(await outbox.claimOutboxItem(item!)).toBeUndefined();
  expect(await outbox.claimOutboxItem({ ...won[0]!, id: '999999' })).toBeUndefined();
});

it('when a claimed comment is marked sent, then it shows Sent with the time and Message-ID and leaves Sending', async () => {
  const comment = await anAgentComment(await aTicketIn(), '<p>Done</p>');
  const [item] = (await outbox.findOutbox('comments', 'To send', 10)).filter(
    (c) => c.id === comment,
  );
  const claimed = await outbox.claimOutboxItem(item!);
  expect(claimed).toBeDefined();

  const sentAt = new Date('2026-01-02T03:04:05Z');
  await outbox.markOutboxItem(claimed!, 'Sent', { sentAt, messageId: '<c@contoso.com>' });
  expect(await readFields('comments', comment)).toMatchObject({
    MailStatus: 'Sent',
    SentAt: '2026-01-02T03:04:05Z',
    MessageId: '<c@contoso.com>',
  });
  expect((await outbox.findOutbox('comments', 'Sending', 50)).map((c) => c.id)).not.toContain(
    comment,
  );

  // A Message-ID longer than the column is not stored rather than cut into one that names no mail.
  await outbox.markOutboxItem(claimed!, 'Failed', { messageId: `<${'x'.repeat(300)}@c.com>` });
  expect(await readFields('comments', comment)).toMatchObject({
    MailStatus: 'Failed',
    MessageId: '<c@contoso.com>',
  });
});

it('when an agent adds an item that is no template, then readTemplates skips it', async () => {
  await graph.post(
    `/sites/${ids.siteId}/lists/${ids.templates}/items`,
    { fields: { Title: 'footer', Language: 'en', Subject: 'x', Body: 'y' } },
    { op: 'test: agent adds an item' },
  );
  const english = await outbox.readTemplates('en');
  expect(english.map((t) => t.key).sort()).toEqual(['ack', 'notice-held', 'notice-size', 'reply']);
  expect(english.every((t) => t.language === 'en')).toBe(true);
});
