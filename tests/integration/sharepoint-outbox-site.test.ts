/**
 * The outbox timer's view of a site (issue 9) through the real Graph client against the
 * simulator: what the pipeline writes for the outbox, an agent's comment made `To send` by the
 * column's default, release and the marks, and the ticket, contacts and files a mail goes out with.
 */
import { PermanentError } from '../../lib/errors';
import type { Graph } from '../../lib/sharepoint/graph';
import type { HelpdeskSite, OutboxSite } from '../../lib/sharepoint/helpdesk';
import type { OutboxList } from '../../lib/sharepoint/outbox';
import type { HelpdeskIds } from '../../lib/sharepoint/provision';
import { type SimWorld, aTicket, contoso, newKey } from './sharepointSim';
import { startOutboxWorld } from './outboxSim';

let world: SimWorld;
let graph: Graph;
let ids: HelpdeskIds;
let site: HelpdeskSite;
let outbox: OutboxSite;
let requesterId: string;

beforeAll(async () => {
  ({ world, graph, ids, site, requesterId } = await startOutboxWorld());
  outbox = await world.directory().openOutbox(contoso);
});

afterAll(() => world?.close());

const itemsPath = (list: OutboxList) => `/sites/${ids.siteId}/lists/${ids.lists[list]}/items`;
const readFields = (list: OutboxList, id: string): Promise<Record<string, unknown>> =>
  graph.get(`${itemsPath(list)}/${id}/fields`, { op: 'test: read fields' });

/** What SharePoint's form sends for an agent's new comment: no MailStatus. */
async function anAgentComment(ticketId: string, internal = false): Promise<string> {
  const item = await graph.post<{ id: string }>(
    itemsPath('comments'),
    {
      fields: {
        Title: 'Re',
        Body: '<p>Fixed.</p>',
        TicketLookupId: Number(ticketId),
        Internal: internal,
      },
    },
    { op: 'test: agent comment' },
  );
  return item.id;
}

const aMailComment = (ticketId: string, messageId?: string) =>
  site.createComment({
    ticketId,
    title: 'Re: Printer on fire',
    body: '<p>Still burning</p>',
    senderId: requesterId,
    mailKey: newKey(),
    autoReply: false,
    ...(messageId ? { messageId } : {}),
  });

it('when a mail becomes a ticket that asks for an ack, and a reply a comment, then both keep the Message-ID, the ticket is To send and the comment Received', async () => {
  const ticket = await site.createTicket(
    aTicket(requesterId, newKey(), { messageId: '<m1@example.com>', mailStatus: 'To send' }),
  );
  expect(await readFields('tickets', ticket.id)).toMatchObject({
    MailStatus: 'To send',
    MessageId: '<m1@example.com>',
  });
  const comment = await aMailComment(ticket.id, '<m2@example.com>');
  expect(await readFields('comments', comment.id)).toMatchObject({
    MailStatus: 'Received',
    MessageId: '<m2@example.com>',
  });

  // Without an ack asked for, the ticket has no status; a Message-ID past the column is not kept.
  const long = `<${'x'.repeat(260)}@example.com>`;
  const quiet = await site.createTicket(aTicket(requesterId, newKey(), { messageId: long }));
  const fields = await readFields('tickets', quiet.id);
  expect(fields).not.toHaveProperty('MailStatus');
  expect(fields).not.toHaveProperty('MessageId');
  expect(await readFields('comments', (await aMailComment(ticket.id)).id)).toMatchObject({
    MailStatus: 'Received',
  });
});

it('when an agent adds a comment without touching MailStatus, then the default makes it To send and the outbox finds it', async () => {
  const ticket = await site.createTicket(aTicket(requesterId, newKey()));
  const comment = await anAgentComment(ticket.id);
  await aMailComment(ticket.id); // Received: never found as To send
  const found = (await outbox.findOutbox('comments', 'To send', 50)).filter(
    (c) => c.ticketId === ticket.id,
  );
  expect(found).toEqual([
    expect.objectContaining({ id: comment, status: 'To send', internal: false }),
  ]);
  expect(found[0]!.modifiedAt).toBeInstanceOf(Date);
});

it('when a claimed comment is released, marked Not sent, or marked Sent with a MailKey, then the item shows it and the key finds the comment', async () => {
  const ticket = await site.createTicket(aTicket(requesterId, newKey()));
  const comment = await anAgentComment(ticket.id);
  const item = { id: comment, list: 'comments' as const };

  await outbox.releaseOutboxItem(item);
  expect(await readFields('comments', comment)).toMatchObject({ MailStatus: 'To send' });

  await outbox.markOutboxItem(item, 'Not sent');
  expect(await readFields('comments', comment)).toMatchObject({ MailStatus: 'Not sent' });

  const mailKey = newKey();
  await outbox.markOutboxItem(item, 'Sent', { messageId: '<r1@contoso.com>', mailKey });
  expect(await site.findCommentsByMailKeys([mailKey])).toEqual([
    { mailKey, ticketId: ticket.id, commentId: comment },
  ]);

  // A ticket keeps the MailKey of the mail that opened it.
  const ticketKey = newKey();
  const acked = await site.createTicket(aTicket(requesterId, ticketKey));
  await outbox.markOutboxItem({ id: acked.id, list: 'tickets' }, 'Sent', { mailKey: newKey() });
  expect(await readFields('tickets', acked.id)).toMatchObject({
    MailStatus: 'Sent',
    MailKey: ticketKey,
  });
});

it('when the ticket of a reply and its contacts are read, then each costs one request and a contact read again none', async () => {
  const cc = await site.ensureContact('bob@example.com', 'Bob');
  const ticket = await site.createTicket(
    aTicket(requesterId, newKey(), { ccIds: [cc.id], messageId: '<t@example.com>' }),
  );
  const { result, requests } = await world.counted(() => outbox.readTicketMail(ticket.id));
  expect(requests).toBe(1);
  expect(result).toEqual({
    id: ticket.id,
    title: 'Printer on fire',
    messageId: '<t@example.com>',
    mailbox: 'support@contoso.com',
    requesterId,
    ccIds: [cc.id],
  });
  expect(await outbox.readTicketMail('999999')).toBeUndefined();

  const first = await world.counted(() => outbox.readContact(cc.id));
  expect(first).toEqual({
    result: { id: cc.id, email: 'bob@example.com', name: 'Bob' },
    requests: 1,
  });
  expect((await world.counted(() => outbox.readContact(cc.id))).requests).toBe(0);
  expect(await outbox.readContact('999999')).toBeUndefined();
});

it('when a comment folder holds files and a subfolder, then listFiles gives the files with size and URL, readFile their bytes, and a missing folder none', async () => {
  const ticket = await site.createTicket(aTicket(requesterId, newKey()));
  const folder = { ticketId: ticket.id, commentId: await anAgentComment(ticket.id) };
  const report = Buffer.from('quarterly numbers');
  const upload = site.library.upload(folder);
  await upload.add({ name: 'report.txt', size: report.length, content: report });
  await upload.add({ name: 'empty.txt', size: 0, content: Buffer.alloc(0) });
  await upload.finish();

  const files = await outbox.library.listFiles(folder);
  expect(files.map((f) => [f.name, f.size]).sort()).toEqual([
    ['empty.txt', 0],
    ['report.txt', report.length],
  ]);
  expect(files.every((f) => f.webUrl?.startsWith('https://contoso.sharepoint.com/'))).toBe(true);
  // The ticket's folder holds the comment's folder: no file of it.
  expect(await outbox.library.listFiles({ ticketId: ticket.id })).toEqual([]);

  const file = files.find((f) => f.name === 'report.txt')!;
  expect(await outbox.library.readFile(file, 1024)).toEqual(report);
  await expect(outbox.library.readFile(file, 5)).rejects.toMatchObject({
    constructor: PermanentError,
    code: 'file-too-large',
  });
  expect(await outbox.library.listFiles({ ticketId: '999999', commentId: '1' })).toEqual([]);
});

it('when the outbox of a site already opened is opened, then it costs no request', async () => {
  const directory = world.directory();
  await directory.open(contoso);
  expect((await world.counted(() => directory.openOutbox(contoso))).requests).toBe(0);
});
