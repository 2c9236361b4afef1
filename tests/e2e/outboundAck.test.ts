/**
 * Acknowledgements on the local stack (issue 9): a new ticket from mail gets one reply to its
 * requester from the support mailbox, sent by the outbox timer, threaded to the requester's mail
 * and marked as automatic (RFC 3834); automatic, list and system mail, the support address
 * itself and a sender acknowledged within the hour get none.
 */
import { processed } from './outcomes';
import { headerOf, mailTo, sentItems } from './outboundMail';
import { itemFields, sharedOutboundHost, tenantThatSends } from './outboundSupport';
import { mail, postMail, ticketsWhen } from './support';

const host = sharedOutboundHost();

describe('acknowledgements', () => {
  it('when a requester writes twice within the hour, then the first ticket gets one ack, even delivered twice, and the second none', async () => {
    const { tenant, support } = await tenantThatSends();
    const requester = `anna-${tenant.alias}@example.com`;
    const messageId = `<first-${tenant.alias}@example.com>`;
    const first = mail({ from: `Anna Example <${requester}>`, to: support, messageId });
    await postMail(host.url, first, support);
    const again = await postMail(host.url, first, support); // the relay delivers it again
    expect((await processed(tenant, again.body.id)).outcome).toMatch(/duplicate|ticket-created/);
    const [ticket] = await ticketsWhen(tenant, 1);
    const id = ticket?.id ?? '';

    await host.runOutbox();
    await host.runOutbox();
    const acks = await mailTo(requester);
    expect(acks).toHaveLength(1);
    const [ack] = acks;
    expect(ack?.from).toBe(support);
    expect(ack?.mail.subject).toBe(`[#${id}] Printer broken`);
    expect(ack?.mail.inReplyTo).toBe(messageId);
    expect([ack?.mail.references].flat()).toContain(messageId);
    expect(headerOf(ack!.mail, 'Auto-Submitted')).toBe('auto-replied');
    expect(ack?.mail.text).toContain(id);
    expect(await itemFields(tenant, 'Tickets', id)).toMatchObject({
      MailStatus: 'Sent',
      SentAt: expect.any(String),
      MessageId: messageId, // the ticket keeps the requester's mail's id
    });

    const second = mail({ from: requester, to: support, subject: 'Scanner broken too' });
    const next = await postMail(host.url, second, support);
    expect((await processed(tenant, next.body.id)).outcome).toBe('ticket-created');
    const tickets = await ticketsWhen(tenant, 2);
    await host.runOutbox();
    expect(await mailTo(requester)).toHaveLength(1);
    const later = tickets.find((t) => t.id !== id);
    expect((await itemFields(tenant, 'Tickets', later?.id ?? '')).MailStatus).toBeUndefined();
  }, 300_000);

  it('when mail is an auto-reply, list mail, from a noreply sender or from the support address, then no ack goes out', async () => {
    const { tenant, support } = await tenantThatSends();
    const alias = tenant.alias;
    const senders = {
      autoReply: `away-${alias}@example.com`,
      list: `team-${alias}@lists.example.com`,
      system: `noreply@${alias}-shop.example.com`,
    };
    const mails = [
      mail({ from: senders.autoReply, to: support, headers: ['Auto-Submitted: auto-replied'] }),
      mail({ from: senders.list, to: support, headers: [`List-Id: <team.${alias}.example.com>`] }),
      mail({ from: senders.system, to: support, subject: 'Your order' }),
      mail({ from: support, to: support, subject: 'Our own mail' }),
    ];
    const outcomes: string[] = [];
    for (const raw of mails) {
      const { body } = await postMail(host.url, raw, support);
      outcomes.push((await processed(tenant, body.id)).outcome);
    }
    // The list's and the shop's mail are tickets (people may still answer them); the others not.
    expect(outcomes).toEqual([
      'dropped-auto-reply',
      'ticket-created',
      'ticket-created',
      'dropped-loop',
    ]);
    const tickets = await ticketsWhen(tenant, 2);

    await host.runOutbox();
    for (const ticket of tickets) expect(ticket.fields.MailStatus).toBeUndefined();
    for (const sender of Object.values(senders)) expect(await mailTo(sender)).toEqual([]);
    expect(await sentItems(support)).toEqual([]);
  }, 300_000);
});
