/**
 * The outbox run on the simulated SharePoint and Exchange with the real clients: a ticket that
 * asks for its ack and an agent's comment written as SharePoint's form writes it (no MailStatus:
 * the column's default makes it `To send`) with a file too large for one request in its folder.
 * One run sends both, the reply's file by upload session, and marks both Sent; a second run sends
 * nothing; an idle run costs two Graph requests.
 */
import { MemoryLog } from '../../lib/log';
import { messageIdKey } from '../../lib/mail/mailKey';
import { parseMail } from '../../lib/mail/parse';
import { GraphExchangeTenants } from '../../lib/mailbox/exchange';
import { OUTBOX_DEFAULTS, type OutboxDeps, runOutbox } from '../../lib/outbound/outbox';
import { validateHelpdesk } from '../../lib/sharepoint/provision';
import { delivered, supportMailbox } from './outboundSim';
import { SUPPORT, tenant } from './pipelineSim';
import { CONTOSO, HELPDESK, type SimWorld, contoso, newKey, startSimWorld } from './sharepointSim';

let w: SimWorld;
let deps: OutboxDeps;

async function agent(list: string, fields: Record<string, unknown>): Promise<string> {
  const graph = w.clients.forTenant(CONTOSO);
  const { siteId, lists } = await validateHelpdesk(graph, HELPDESK);
  const listId = list === 'comments' ? lists.comments : lists.tickets;
  const item = await graph.post<{ id: string }>(
    `/sites/${siteId}/lists/${listId}/items`,
    { fields },
    { op: 'test: agent writes' },
  );
  return item.id;
}

async function fields(list: 'tickets' | 'comments', id: string) {
  const graph = w.clients.forTenant(CONTOSO);
  const { siteId, lists } = await validateHelpdesk(graph, HELPDESK);
  const item = await graph.get<{ fields: Record<string, unknown> }>(
    `/sites/${siteId}/lists/${lists[list]}/items/${id}`,
    { op: 'test: read item', query: { $expand: 'fields' } },
  );
  return item.fields;
}

const sent = () => delivered(w);

beforeAll(async () => {
  w = await startSimWorld({ provision: true });
  await supportMailbox(w, SUPPORT, true);
  deps = {
    helpdesks: w.directory(),
    exchange: new GraphExchangeTenants(w.settings),
    log: new MemoryLog(),
    now: () => new Date(),
    // The agent's comment is sent in the run right after it is made (its files are already in).
    config: { ...OUTBOX_DEFAULTS, settleMs: 0 },
  };
});

afterAll(() => w.close());

describe('runOutbox on the simulated site and mailbox', () => {
  it('when a ticket asks for its ack and an agent comments with a large file, then one run sends both once and marks them Sent', async () => {
    const site = await w.directory().open(contoso);
    const ada = await site.ensureContact('ada@customer.example', 'Ada');
    const bob = await site.ensureContact('bob@customer.example', 'Bob');
    const ticket = await site.createTicket({
      title: 'Printer on fire',
      body: '<p>Help</p>',
      requesterId: ada.id,
      ccIds: [bob.id],
      mailbox: SUPPORT,
      mailKey: newKey(),
      messageId: '<q1@customer.example>',
      mailStatus: 'To send',
    });
    const commentId = await agent('comments', {
      Title: 'Agent reply',
      Body: '<p>Here is the <b>driver</b>.</p>',
      TicketLookupId: ticket.id,
      Internal: false,
    });
    const upload = site.library.upload({ ticketId: ticket.id, commentId });
    const big = Buffer.alloc(3.5 * 1024 * 1024, 0x5a);
    await upload.add({ name: 'driver.zip', size: big.length, content: big });
    await upload.finish();

    const run = await runOutbox(tenant, deps, { sweep: false });

    expect(run).toMatchObject({ sent: 2, failed: 0, waiting: 0 });
    const mails = await Promise.all(
      (await sent()).map(async (m) => ({ m, got: await parseMail(Buffer.from(m.raw, 'base64')) })),
    );
    const ack = mails.find(({ got }) => got.subject === `[#${ticket.id}] Printer on fire`);
    const reply = mails.find(({ got }) => got.subject === `Re: [#${ticket.id}] Printer on fire`);
    expect(ack?.m).toMatchObject({ to: ['ada@customer.example'], cc: [] });
    expect(ack?.got.inReplyTo).toBe('<q1@customer.example>');
    expect(reply?.m).toMatchObject({ to: ['ada@customer.example'], cc: ['bob@customer.example'] });
    expect(reply?.got.references).toEqual(['<q1@customer.example>']);
    expect(reply?.got.attachments.map((a) => [a.filename, a.size])).toEqual([
      ['driver.zip', big.length],
    ]);

    const comment = await fields('comments', commentId);
    expect(comment).toMatchObject({
      MailStatus: 'Sent',
      MessageId: reply?.got.messageId,
      MailKey: messageIdKey(reply?.got.messageId),
    });
    expect(comment.SentAt).toEqual(expect.any(String));
    expect(await fields('tickets', ticket.id)).toMatchObject({
      MailStatus: 'Sent',
      MessageId: '<q1@customer.example>',
    });

    expect(await runOutbox(tenant, deps, { sweep: true })).toMatchObject({ sent: 0, recovered: 0 });
    expect(await sent()).toHaveLength(2);
  });

  it('when nothing is to send, then a run costs two Graph requests', async () => {
    await runOutbox(tenant, deps, { sweep: false });
    const { requests } = await w.counted(() => runOutbox(tenant, deps, { sweep: false }));
    expect(requests).toBe(2);
  });
});
