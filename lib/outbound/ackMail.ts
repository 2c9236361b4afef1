/**
 * The acknowledgement of a new ticket (issue 9, decision 4): to its requester, from the support
 * address that received the mail, subject and text from the `ack` template (`mail.subject` is the
 * ticket's title, which the mail's subject became), threaded under the requester's mail and
 * marked automatic (RFC 3834). Whether a ticket gets one was decided when it was written
 * (ackDecision); here it is only written. Graph requests: 1 (the requester), cached after.
 */
import type { TicketOutboxItem } from '../sharepoint/outbox';
import {
  type OutboxContext,
  type OutboxMail,
  type OutboxRefusal,
  senderOf,
  threading,
} from './outboxContext';
import { renderTemplate } from './templates';

export async function ackMail(
  ctx: OutboxContext,
  ticket: TicketOutboxItem,
): Promise<OutboxMail | OutboxRefusal> {
  const requester = ticket.requesterId ? await ctx.site.readContact(ticket.requesterId) : undefined;
  if (!requester?.email) return { refused: 'no-recipient' };
  const mailbox = senderOf(ticket.mailbox, ctx.tenant);
  if (!mailbox) return { refused: 'no-sender' };
  const rendered = renderTemplate(
    (await ctx.templates()).get('ack'),
    {
      'ticket.id': ticket.id,
      'ticket.title': ticket.title,
      'mail.subject': ticket.title,
      'requester.name': requester.name || requester.email,
    },
    ctx.log,
  );
  return {
    mailbox,
    spec: {
      from: { address: mailbox },
      to: [{ address: requester.email, name: requester.name }],
      subject: rendered.subject,
      html: rendered.html,
      ...threading(ticket.messageId),
      autoSubmitted: true,
    },
    files: [],
  };
}
