import { ticketBody, ticketTitle } from '../../mail/ticketFields';
import { type Stage, need, proceed } from '../stage';

/**
 * Writes the ticket of a mail that threads nowhere, with its Cc contacts. The unique MailKey
 * column makes a racing second write return the first.
 */
export const ticket: Stage = {
  name: 'ticket',
  timeoutMs: 60_000,
  async run(ctx) {
    if (ctx.thread) return proceed; // a comment: the comment stage writes it
    const mail = need(ctx, 'mail');
    ctx.ticket = await need(ctx, 'site').createTicket({
      title: ticketTitle(mail.subject),
      body: ticketBody(mail),
      requesterId: need(ctx, 'requester').id,
      ccIds: (ctx.cc ?? []).map((c) => c.id),
      mailbox: ctx.message.mailbox,
      mailKey: need(ctx, 'mailKey'),
    });
    return proceed;
  },
};
