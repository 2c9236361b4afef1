import { type Stage, need, proceed } from '../stage';
import { ticketRole } from './thread';

/**
 * CCs on a reply join its ticket's Cc (docs/mail-rules.md "Requester and Cc"), so the next answer reaches
 * them too. Before the comment is written, so a failure retries the mail rather than losing the
 * Cc; the update is guarded by the ticket's eTag, and a concurrent change makes the queue retry
 * with a fresh read.
 *
 * Only from the ticket's own people (requester, Cc contacts, agents: thread.ts). A reply threads by
 * its headers alone, and anyone who saw one mail of the conversation (a Bcc recipient, someone it
 * was forwarded to) can write one: that reply is still a comment (forwarded conversations are
 * real, and agents see who wrote it), but it must not add people who then receive every answer.
 */
export const ticketCc: Stage = {
  name: 'ticket-cc',
  timeoutMs: 30_000,
  async run(ctx) {
    const { thread, cc = [] } = ctx;
    if (!thread || cc.length === 0) return proceed;
    const site = need(ctx, 'site');
    const ticket = thread.parties ?? (await site.readTicket(thread.ticketId));
    if (!ticket) return { kind: 'continue', code: 'ticket-gone' };
    const known = new Set([...ticket.ccIds, ticket.requesterId]);
    const added = [...new Set(cc.map((c) => c.id))].filter((id) => !known.has(id));
    if (added.length === 0) return proceed;
    const from = need(ctx, 'mail').from;
    const role = from && (await ticketRole(site, ticket, from, ctx.requester, need(ctx, 'tenant')));
    if (!role) return { kind: 'continue', code: 'cc-not-entitled' };
    await site.setTicketCc(ticket, [...ticket.ccIds, ...added]);
    return { kind: 'continue', code: 'cc-added' };
  },
};
