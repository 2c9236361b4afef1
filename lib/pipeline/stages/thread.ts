import type { TenantRecord } from '../../tenants/store';
import type { MailAddress } from '../../mail/parse';
import { ticketNumber } from '../../mail/threading';
import { ticketDraft } from '../../mail/ticketDraft';
import type { Contact, ContactBook, ThreadFinder, TicketParties } from '../../sharepoint/helpdesk';
import type { Admitted } from '../admit';
import { domainOf, isAgent } from '../parties';
import type { CommentRoute, TicketRoute, Unwritten } from '../route';
import { type Stage, go } from '../stage';
import { drop } from './drop';

type Site = ThreadFinder & ContactBook;

/**
 * What the sender is to the ticket: 'requester', 'cc' or 'agent', or undefined for anyone else.
 * Only these may write into a ticket by its number, or add people to it (ticketCc.ts).
 * `sender` is the sender's contact, if there is one.
 */
export async function ticketRole(
  site: Pick<ContactBook, 'readContactEmail'>,
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

export type ThreadInput = Pick<Admitted, 'message' | 'mail' | 'tenant' | 'classification'> &
  Omit<Unwritten, 'kind'> & { site: Site };

/** The ticket a `[#T]` subject names, with the sender's contact, when the sender may use it. */
async function byNumber(input: ThreadInput, number: string) {
  const { site, mail } = input;
  const ticket = await site.readTicket(number);
  const sender = ticket && (await site.findContact(mail.from.address));
  const who = ticket && (await ticketRole(site, ticket, mail.from, sender, input.tenant));
  return { ticket, sender, who };
}

/**
 * Threading (docs/mail-rules.md): a mail is a comment on ticket T when it answers a mail
 * stored on T (found by dedupe from In-Reply-To/References), or its subject names `[#T]` and the
 * sender is T's requester, one of its Cc contacts or an agent: a stranger quoting a ticket number
 * must not write into someone else's ticket. Anything else opens a new ticket; an auto-reply or
 * bounce that threads nowhere is dropped.
 */
export const thread: Stage<ThreadInput, CommentRoute | TicketRoute> = {
  name: 'thread',
  timeoutMs: 30_000,
  async run(input, deps) {
    const { mail, identity, tenant } = input;
    const draft = (reply: boolean) =>
      ticketDraft(mail, { remoteImages: tenant.remoteImages, reply });
    const answered = input.answers[0];
    if (answered) {
      const ticketId = answered.ticketId;
      return go<CommentRoute>(
        { kind: 'comment', identity, ticketId, draft: draft(true) },
        'by-headers',
      );
    }
    let code = 'new-ticket';
    let sender: Contact | undefined;
    const number = ticketNumber(mail.subject);
    if (number) {
      const found = await byNumber(input, number);
      // The requester stage need not look the sender up again.
      sender = found.sender;
      if (found.ticket && found.who) {
        const route: CommentRoute = {
          kind: 'comment',
          identity,
          ticketId: found.ticket.id,
          parties: found.ticket,
          sender,
          draft: draft(true),
        };
        return go(route, `by-number/${found.who}`);
      }
      code = found.ticket ? 'number-not-entitled' : 'number-unknown';
    }
    // A mail recovered from the Mail Log is always normal here (classify.ts): it never drops.
    const { kind, reason } = input.classification;
    if (kind !== 'normal')
      return drop(input.message, deps, `dropped-${kind}`, `unthreaded/${reason}`);
    return go<TicketRoute>({ kind: 'ticket', identity, sender, draft: draft(false) }, code);
  },
};
