import type { Contact, ContactBook, ThreadFinder, TicketWriter } from '../../sharepoint/helpdesk';
import type { Admitted } from '../admit';
import type { CommentRoute } from '../route';
import { type Stage, go, proceed } from '../stage';
import { ticketRole } from './thread';

export type TicketCcInput = Pick<Admitted, 'mail' | 'tenant'> & {
  site: ThreadFinder & TicketWriter & ContactBook;
  route: Pick<CommentRoute, 'ticketId' | 'parties'>;
  cc: readonly Contact[];
  /** The reply's sender, when a contact. */
  sender: Contact | undefined;
};

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
export const ticketCc: Stage<TicketCcInput> = {
  name: 'ticket-cc',
  timeoutMs: 30_000,
  async run({ site, route, cc, mail, sender, tenant }) {
    if (cc.length === 0) return proceed;
    const ticket = route.parties ?? (await site.readTicket(route.ticketId));
    if (!ticket) return go(undefined, 'ticket-gone');
    const known = new Set([...ticket.ccIds, ticket.requesterId]);
    const added = [...new Set(cc.map((c) => c.id))].filter((id) => !known.has(id));
    if (added.length === 0) return proceed;
    const role = await ticketRole(site, ticket, mail.from, sender, tenant);
    if (!role) return go(undefined, 'cc-not-entitled');
    await site.setTicketCc(ticket, [...ticket.ccIds, ...added]);
    return go(undefined, 'cc-added');
  },
};
