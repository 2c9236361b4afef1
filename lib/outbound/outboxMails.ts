/**
 * The two mails of the outbox, ready to compose but for their Message-ID and files.
 *
 * The acknowledgement of a new ticket (decision 4): to its requester, from the support address
 * that received the mail, subject and text from the `ack` template (`mail.subject` is the ticket's
 * title, which the mail's subject became), threaded under the requester's mail and marked
 * automatic (RFC 3834). Whether a ticket gets one was decided when it was written (ackDecision).
 * Graph requests: 1 (the requester), none when read lately.
 *
 * An agent's reply (decisions 4 to 7): a comment not marked internal goes to the ticket's
 * requester (To) and its Cc contacts (Cc, without the requester and the tenant's own support
 * addresses, each address once), subject and wrapper from the `reply` template around the
 * comment's HTML (sanitised when it was written in SharePoint), threaded under the ticket's mail,
 * with the files of the comment's folder. Graph requests: 1 ticket, 1 per contact not read
 * lately, 1 folder listing.
 */
import type { Contact } from '../sharepoint/helpdesk';
import type { CommentOutboxItem, TicketOutboxItem } from '../sharepoint/outbox';
import type { OutboundAddress } from './compose';
import {
  type OutboxContext,
  type OutboxMail,
  type OutboxRefusal,
  partiesOf,
  threading,
} from './outboxContext';
import { renderTemplate, safeHtml } from './templates';

export async function ackMail(
  ctx: OutboxContext,
  ticket: TicketOutboxItem,
): Promise<OutboxMail | OutboxRefusal> {
  const parties = await partiesOf(ctx, ticket);
  if ('refused' in parties) return parties;
  const { requester } = parties;
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
    mailbox: parties.mailbox,
    spec: {
      ...parties.addressing,
      subject: rendered.subject,
      html: rendered.html,
      ...threading(ticket.messageId),
      autoSubmitted: true,
    },
    files: [],
  };
}

export async function replyMail(
  ctx: OutboxContext,
  comment: CommentOutboxItem,
): Promise<OutboxMail | OutboxRefusal> {
  const ticket = comment.ticketId ? await ctx.site.readTicketMail(comment.ticketId) : undefined;
  if (!ticket) return { refused: 'no-recipient' };
  const parties = await partiesOf(ctx, ticket);
  if ('refused' in parties) return parties;
  const { requester } = parties;
  const cc: (Contact | undefined)[] = [];
  for (const id of ticket.ccIds) cc.push(await ctx.site.readContact(id));
  const rendered = renderTemplate(
    (await ctx.templates()).get('reply'),
    {
      'ticket.id': ticket.id,
      'ticket.title': ticket.title,
      'requester.name': requester.name || requester.email,
      'comment.body': safeHtml(comment.body),
    },
    ctx.log,
  );
  const files = await ctx.site.library.listFiles({ ticketId: ticket.id, commentId: comment.id });
  return {
    mailbox: parties.mailbox,
    spec: {
      ...parties.addressing,
      cc: copyTo(requester, cc, ctx.tenant.supportAddresses),
      subject: rendered.subject,
      html: rendered.html,
      ...threading(ticket.messageId),
    },
    // The folder's completion mark of a mail written there, never an agent's file.
    files: files.filter((f) => f.name.toLowerCase() !== 'original.eml'),
  };
}

/** The Cc: each contact's address once, never the requester's or the tenant's own. */
export function copyTo(
  requester: Contact,
  contacts: readonly (Contact | undefined)[],
  own: readonly string[],
): OutboundAddress[] {
  const seen = new Set([requester.email, ...own].map((a) => a.trim().toLowerCase()));
  const cc: OutboundAddress[] = [];
  for (const c of contacts) {
    const key = c?.email.trim().toLowerCase();
    if (!c || !key || seen.has(key)) continue;
    seen.add(key);
    cc.push({ address: c.email, name: c.name });
  }
  return cc;
}
