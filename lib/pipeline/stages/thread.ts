import type { TenantRecord } from '../../licensing/tenants';
import type { MailAddress } from '../../mail/parse';
import { ticketNumber } from '../../mail/threading';
import type { Contact, HelpdeskSite, TicketParties } from '../../sharepoint/helpdesk';
import { domainOf, isAgent } from '../parties';
import { type Stage, need } from '../stage';
import { drop } from './drop';

/**
 * What the sender is to the ticket: 'requester', 'cc' or 'agent', or undefined for anyone else.
 * Only these may write into a ticket by its number, or add people to it (ticketCc.ts).
 * `sender` is the sender's contact, if there is one.
 */
export async function ticketRole(
  site: HelpdeskSite,
  ticket: TicketParties,
  from: MailAddress,
  sender: Contact | undefined,
  tenant: TenantRecord,
): Promise<string | undefined> {
  if (sender?.id === ticket.requesterId) return 'requester';
  if (sender && ticket.ccIds.includes(sender.id)) return 'cc';
  if (!isAgent(from.address, tenant.supportAddresses)) return undefined;
  // On an internal helpdesk requesters share the agents' domain: a colleague quoting someone
  // else's ticket number must not write into it, so the domain counts only for outside requesters.
  const requester = ticket.requesterId && (await site.readContactEmail(ticket.requesterId));
  return requester && domainOf(requester) === domainOf(from.address) ? undefined : 'agent';
}

/**
 * Threading (docs/mail-rules.md): a mail is a comment on ticket T when it answers a mail
 * stored on T (found by dedupe from In-Reply-To/References), or its subject names `[#T]` and the
 * sender is T's requester, one of its Cc contacts or an agent: a stranger quoting a ticket number
 * must not write into someone else's ticket. Anything else opens a new ticket; an auto-reply or
 * bounce that threads nowhere is dropped.
 */
export const thread: Stage = {
  name: 'thread',
  timeoutMs: 30_000,
  async run(ctx, deps) {
    const mail = need(ctx, 'mail');
    const answered = ctx.answers?.[0];
    if (answered) {
      ctx.thread = { ticketId: answered.ticketId };
      return { kind: 'continue', code: 'by-headers' };
    }
    let code = 'new-ticket';
    const number = ticketNumber(mail.subject);
    if (number && mail.from) {
      const site = need(ctx, 'site');
      const ticket = await site.readTicket(number);
      const sender = ticket && (await site.findContact(mail.from.address));
      if (sender) ctx.requester = sender; // the requester stage need not look again
      const who =
        ticket && (await ticketRole(site, ticket, mail.from, sender, need(ctx, 'tenant')));
      if (ticket && who) {
        ctx.thread = { ticketId: ticket.id, parties: ticket };
        return { kind: 'continue', code: `by-number/${who}` };
      }
      code = ticket ? 'number-not-entitled' : 'number-unknown';
    }
    const { kind, reason } = need(ctx, 'classification');
    if (kind !== 'normal') return drop(ctx, deps, `dropped-${kind}`, `unthreaded/${reason}`);
    return { kind: 'continue', code };
  },
};
