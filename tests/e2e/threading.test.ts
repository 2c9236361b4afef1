/**
 * Replies on the local stack: a mail answering a ticket's mail, or naming `[#id]` from someone
 * entitled to, becomes a comment on that ticket (the quoted history cut off); a stranger quoting
 * a ticket number opens a ticket of their own. Read back through Graph, as agents see the lists.
 */
import { processed } from './outcomes';
import { freshTenant, sharedHost } from './setup';
import {
  type ListItem,
  type TestTenant,
  eventually,
  mail,
  postMail,
  readList,
  ticketsWhen,
} from './support';

const host = sharedHost();

async function openTicket(tenant: TestTenant, messageId: string): Promise<ListItem> {
  const support = tenant.supportAddresses[0] ?? '';
  await postMail(host.url, mail({ to: support, messageId }), support);
  const [ticket] = await ticketsWhen(tenant, 1);
  if (!ticket) throw new Error('no ticket');
  return ticket;
}

function commentsWhen(tenant: TestTenant, count: number): Promise<ListItem[]> {
  return eventually(async () => {
    const items = await readList(tenant, 'Comments');
    return items.length >= count ? items : undefined;
  });
}

describe('a reply to a ticket', () => {
  it('when it answers the ticket mail by In-Reply-To, then it is a comment without the quoted history, once', async () => {
    const { tenant, support } = await freshTenant();
    const ticket = await openTicket(tenant, '<first-1@example.com>');
    const reply = mail({
      to: support,
      subject: 'Re: Printer broken',
      headers: ['In-Reply-To: <first-1@example.com>', 'References: <first-1@example.com>'],
      body: [
        'Thanks, it works again after a restart.',
        '',
        'On Sun, 22 Nov 2026 at 09:15, Anna Example <anna@example.com> wrote:',
        '> It prints blank pages.',
      ].join('\r\n'),
    });
    expect((await postMail(host.url, reply, support)).status).toBe(202);
    const again = await postMail(host.url, reply, support);
    expect((await processed(tenant, again.body.id)).outcome).toMatch(/duplicate|comment-created/);

    const [comment] = await commentsWhen(tenant, 1);
    expect(comment?.fields).toMatchObject({
      Title: 'Re: Printer broken',
      TicketLookupId: ticket.id,
      SenderLookupId: String(ticket.fields.RequesterLookupId),
    });
    expect(String(comment?.fields.Body)).toContain('it works again after a restart');
    expect(String(comment?.fields.Body)).not.toMatch(/blank pages|wrote:/);
    expect(comment?.fields.Internal ?? false).toBe(false);
    expect(await readList(tenant, 'Comments')).toHaveLength(1);
    expect(await readList(tenant, 'Tickets')).toHaveLength(1);
  });

  it('when it answers a comment by References, then it lands on the same ticket', async () => {
    const { tenant, support } = await freshTenant();
    const ticket = await openTicket(tenant, '<root-2@example.com>');
    const first = mail({
      to: support,
      messageId: '<c-2@example.com>',
      headers: ['In-Reply-To: <root-2@example.com>'],
    });
    await postMail(host.url, first, support);
    await commentsWhen(tenant, 1);
    const second = mail({
      from: 'Bob Colleague <bob@example.org>',
      to: support,
      subject: 'Re: Re: Printer broken',
      headers: ['In-Reply-To: <c-2@example.com>', 'References: <unknown@x> <c-2@example.com>'],
    });
    await postMail(host.url, second, support);
    const comments = await commentsWhen(tenant, 2);
    expect(comments.map((c) => c.fields.TicketLookupId)).toEqual([ticket.id, ticket.id]);
  });

  it('when the requester names [#id] in the subject, then it is a comment on that ticket', async () => {
    const { tenant, support } = await freshTenant();
    const ticket = await openTicket(tenant, '<first-3@example.com>');
    const res = await postMail(
      host.url,
      mail({
        from: 'ANNA@example.com',
        to: support,
        subject: `Re: [#${ticket.id}] Printer broken`,
        body: 'Any news?',
      }),
      support,
    );
    expect((await processed(tenant, res.body.id)).outcome).toBe('comment-created');
    const [comment] = await readList(tenant, 'Comments');
    expect(comment?.fields.TicketLookupId).toBe(ticket.id);
    expect(String(comment?.fields.Body)).toContain('Any news?');
    expect(await readList(tenant, 'Tickets')).toHaveLength(1);
  });

  it('when a stranger names [#id] in the subject, then it opens a new ticket and the old one gets nothing', async () => {
    const { tenant, support } = await freshTenant();
    const ticket = await openTicket(tenant, '<first-4@example.com>');
    const res = await postMail(
      host.url,
      mail({
        from: 'Mallory <mallory@evil.example>',
        to: support,
        subject: `Re: [#${ticket.id}] Printer broken`,
        body: 'Please send me the invoice.',
      }),
      support,
    );
    expect((await processed(tenant, res.body.id)).outcome).toBe('ticket-created');
    const tickets = await readList(tenant, 'Tickets');
    expect(tickets.map((t) => t.fields.Title).sort()).toEqual([
      'Printer broken',
      `Re: [#${ticket.id}] Printer broken`,
    ]);
    expect(await readList(tenant, 'Comments')).toEqual([]);
  });

  it('when a reply carries a CC, then the CC joins the ticket Cc', async () => {
    const { tenant, support } = await freshTenant();
    await openTicket(tenant, '<first-5@example.com>');
    const reply = mail({
      to: support,
      cc: `"Carl Boss" <Carl.Boss@example.com>, ${support}`,
      subject: 'Re: Printer broken',
      headers: ['In-Reply-To: <first-5@example.com>'],
    });
    const res = await postMail(host.url, reply, support);
    expect((await processed(tenant, res.body.id)).outcome).toBe('comment-created');
    const contacts = await readList(tenant, 'Contacts');
    const carl = contacts.find((c) => c.fields.Email === 'carl.boss@example.com');
    const [ticket] = await readList(tenant, 'Tickets');
    const cc = (ticket?.fields.Cc as Array<{ LookupId: unknown }> | undefined) ?? [];
    expect(cc.map((c) => String(c.LookupId))).toEqual([carl?.id]);
    expect(contacts.map((c) => c.fields.Email)).not.toContain(support);
  });
});
