/** Comments, lookups by several MailKeys and ticket Cc updates through the real Graph client. */
import type { HelpdeskSite } from '../../lib/sharepoint/helpdesk';
import { type SimWorld, aTicket, contoso, newKey, startSimWorld } from './sharepointSim';

let world: SimWorld;
let site: HelpdeskSite;

beforeAll(async () => {
  world = await startSimWorld({ provision: true });
  site = await world.directory().open(contoso);
});

afterAll(() => world?.close());

async function aTicketWithRequester(email: string) {
  const requester = await site.ensureContact(email, 'Req');
  const mailKey = newKey();
  const ticket = await site.createTicket(aTicket(requester.id, mailKey));
  return { requester, mailKey, ticket };
}

describe('comments', () => {
  it('when a reply is written, then one Graph request stores it and its key finds its ticket', async () => {
    const { requester, ticket } = await aTicketWithRequester('c1@example.com');
    const mailKey = newKey();
    const { result: comment, requests } = await world.counted(() =>
      site.createComment({
        ticketId: ticket.id,
        title: 'Re: Printer on fire',
        body: '<p>Still burning</p>',
        senderId: requester.id,
        mailKey,
        autoReply: false,
      }),
    );
    expect(requests).toBe(1);
    expect(await site.findCommentsByMailKeys(['other', mailKey])).toEqual([
      { mailKey, ticketId: ticket.id, commentId: comment.id },
    ]);
  });

  it('when the same comment is written 4 times at once, then one comment exists and all get it', async () => {
    const { ticket } = await aTicketWithRequester('c2@example.com');
    const mailKey = newKey();
    const all = await Promise.all(
      [1, 2, 3, 4].map(() =>
        site.createComment({
          ticketId: ticket.id,
          title: 'Out of office',
          body: '',
          senderId: undefined,
          mailKey,
          autoReply: true,
        }),
      ),
    );
    expect(new Set(all.map((c) => c.id)).size).toBe(1);
    expect(await site.findCommentsByMailKeys([mailKey])).toHaveLength(1);
  });
});

describe('threading lookups', () => {
  it('when several keys are looked up, then one request finds every ticket among them', async () => {
    const a = await aTicketWithRequester('t1@example.com');
    const b = await aTicketWithRequester('t2@example.com');
    const { result, requests } = await world.counted(() =>
      site.findTicketsByMailKeys([newKey(), a.mailKey, b.mailKey]),
    );
    expect(requests).toBe(1);
    expect(result.map((m) => m.ticketId).sort()).toEqual([a.ticket.id, b.ticket.id].sort());
  });

  it('when a ticket is read, then its requester and Cc come back; a missing one is undefined', async () => {
    const { requester, ticket } = await aTicketWithRequester('t3@example.com');
    const parties = await site.readTicket(ticket.id);
    expect(parties).toMatchObject({ id: ticket.id, requesterId: requester.id, ccIds: [] });
    expect(await site.readTicket('999999')).toBeUndefined();
  });

  it('when the Cc is set from a stale read, then it is refused for a retry and nothing is lost', async () => {
    const { ticket } = await aTicketWithRequester('t4@example.com');
    const x = await site.ensureContact('x@example.com', 'X');
    const y = await site.ensureContact('y@example.com', 'Y');
    const first = await site.readTicket(ticket.id);
    const second = await site.readTicket(ticket.id);
    if (!first || !second) throw new Error('ticket not read');
    await site.setTicketCc(first, [x.id]);
    await expect(site.setTicketCc(second, [y.id])).rejects.toMatchObject({
      code: 'ticket-changed',
    });
    const fresh = await site.readTicket(ticket.id);
    if (!fresh) throw new Error('ticket not read');
    await site.setTicketCc(fresh, [...fresh.ccIds, y.id]);
    expect((await site.readTicket(ticket.id))?.ccIds.sort()).toEqual([x.id, y.id].sort());
  });

  it('when a contact is looked up by an address no contact can have, then nothing is found', async () => {
    expect(await site.findContact('MAILER-DAEMON')).toBeUndefined();
    const c = await site.ensureContact('Found@Example.com', 'F');
    expect(await site.findContact('FOUND@example.com')).toEqual(c);
  });
});
