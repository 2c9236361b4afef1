import { ticketBody, ticketTitle } from '../../mail/ticketFields';
import { writeOwn } from '../claim';
import { type Stage, need, proceed } from '../stage';

/**
 * Writes the ticket of a mail that threads nowhere, with its Cc contacts. The unique MailKey
 * column makes a racing second delivery of the same mail return the first; a different mail
 * racing for the same Message-ID gets a ticket of its own (claim.ts).
 */
export const ticket: Stage = {
  name: 'ticket',
  timeoutMs: 60_000,
  async run(ctx, deps) {
    if (ctx.thread) return proceed; // a comment: the comment stage writes it
    const mail = need(ctx, 'mail');
    const site = need(ctx, 'site');
    const ticket = {
      title: ticketTitle(mail.subject),
      body: ticketBody(mail, { remoteImages: ctx.tenant?.remoteImages }),
      requesterId: need(ctx, 'requester').id,
      ccIds: (ctx.cc ?? []).map((c) => c.id),
      mailbox: ctx.message.mailbox,
      mailHash: need(ctx, 'mailHash'),
    };
    ctx.ticket = await writeOwn(
      ctx,
      deps,
      (mailKey) => site.createTicket({ ...ticket, mailKey }),
      (mailKey) => site.findTicketsByMailKeys([mailKey]),
    );
    return proceed;
  },
};
