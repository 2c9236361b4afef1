/**
 * A comment from mail never goes back out (review of issue 9, finding 1), through the real Graph
 * client against the simulator. A host whose cached site ids predate the outbox writes a comment
 * from mail without MailStatus, so SharePoint gives it the Comments default `To send`: the
 * outbox must see its MailKey and missing SentAt, and `Received` must keep that MailKey.
 */
import { createComment } from '../../lib/sharepoint/comments';
import type { Graph } from '../../lib/sharepoint/graph';
import type { HelpdeskSite } from '../../lib/sharepoint/helpdesk';
import { GraphOutbox } from '../../lib/sharepoint/outbox';
import type { HelpdeskIds } from '../../lib/sharepoint/provision';
import { type SimWorld, aTicket, newKey } from './sharepointSim';
import { startOutboxWorld } from './outboxSim';

let world: SimWorld;
let graph: Graph;
let ids: HelpdeskIds;
let site: HelpdeskSite;
let outbox: GraphOutbox;
let ticketId: string;

beforeAll(async () => {
  let requesterId: string;
  ({ world, graph, ids, site, requesterId } = await startOutboxWorld());
  outbox = new GraphOutbox(graph, ids);
  ticketId = (await site.createTicket(aTicket(requesterId, newKey()))).id;
});

afterAll(() => world?.close());

const commentsRef = () => ({ graph, siteId: ids.siteId, listId: ids.lists.comments });
const fieldsPath = (id: string): string =>
  `/sites/${ids.siteId}/lists/${ids.lists.comments}/items/${id}/fields`;
const readFields = (id: string): Promise<Record<string, unknown>> =>
  graph.get(fieldsPath(id), { op: 'test: read fields' });
const toSend = (id: string) =>
  graph.patch(fieldsPath(id), { MailStatus: 'To send' }, { op: 'test: agent edit' });
const found = async (id: string) =>
  (await outbox.findOutbox('comments', 'To send', 50)).find((c) => c.id === id);

it('when a host with stale ids wrote a comment from mail, then the outbox sees its MailKey and no SentAt, and Received keeps the key', async () => {
  const mailKey = newKey();
  const { id } = await createComment(
    commentsRef(),
    { ticketId, title: 'Re', body: '<p>Mine</p>', senderId: undefined, mailKey, autoReply: false },
    false, // the ids this host cached say the site has no outbox columns
  );
  // Whatever the simulator makes of the column default, the comment ends up `To send`.
  await toSend(id);

  const item = await found(id);
  expect(item).toMatchObject({ id, mailKey, status: 'To send' });
  expect(item).not.toHaveProperty('sentAt');

  const claimed = await outbox.claimOutboxItem(item!);
  await outbox.markOutboxItem(claimed!, 'Received');
  expect(await readFields(id)).toMatchObject({ MailStatus: 'Received', MailKey: mailKey });
});

it('when a reply sent before is set To send again, then the outbox sees when it was sent', async () => {
  const { id } = await site.createComment({
    ticketId,
    title: 'Re',
    body: '<p>Again</p>',
    senderId: undefined,
    mailKey: newKey(),
    autoReply: false,
  });
  await toSend(id);
  const claimed = await outbox.claimOutboxItem((await found(id))!);
  const sentAt = new Date('2026-01-02T03:04:05Z');
  await outbox.markOutboxItem(claimed!, 'Sent', { sentAt, mailKey: newKey() });
  await toSend(id);

  expect(await found(id)).toMatchObject({ id, sentAt, mailKey: expect.any(String) });
});
