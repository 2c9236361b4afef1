/**
 * What the handling of one outbox item works with during a tenant's run, and the rules acks and
 * replies share: which support address a mail comes from (the ticket's `Mailbox`, else the
 * tenant's first support address) and how it threads under the ticket's mail.
 */
import type { EventLog } from '../log';
import type { Exchange } from '../mailbox/exchange';
import type { Contact, OutboxSite } from '../sharepoint/helpdesk';
import type { LibraryFile } from '../sharepoint/libraryTypes';
import type { TenantRecord } from '../tenants/store';
import type { MailSpec } from './compose';
import type { TemplateSet } from './templateSet';

export interface OutboxConfig {
  /** An item left `Sending` this long is taken as abandoned by a sender that died. */
  staleSendingMs: number;
  /** The largest request body (base64 of the MIME) sent in one; above it a draft with upload sessions. */
  inlineBytes: number;
  /** The files attached to one reply in all; the rest go as links. */
  attachBytes: number;
  /** Items read per list and status in one run. */
  batch: number;
  /**
   * A comment changed more recently than this waits for a later run: the helpdesk form saves the
   * comment first and uploads its files into the comment's folder after.
   */
  settleMs: number;
}

export interface OutboxContext {
  tenant: TenantRecord;
  site: OutboxSite;
  exchange: Exchange;
  log: EventLog;
  now: () => Date;
  config: OutboxConfig;
  /** The tenant's texts, read once per run and only when a mail is written. */
  templates(): Promise<TemplateSet>;
  /**
   * The permissions each mailbox (lower case) was refused in this run: its items that need one
   * wait for a later run, and the other mailboxes' items go on.
   */
  denied: Map<string, Set<string>>;
}

/** A mail ready to compose, but for its Message-ID and the files of the item. */
export interface OutboxMail {
  /** The support address it is sent from. */
  mailbox: string;
  spec: Omit<MailSpec, 'messageId' | 'attachments'>;
  /** The item's files (a comment's folder), attached or linked when composed. */
  files: LibraryFile[];
}

/** Why an item cannot become a mail at all: it is marked Failed with this code. */
export type OutboxRefusal = { refused: 'no-recipient' | 'no-sender' };

/** Whom a mail about a ticket goes to (its requester) and which support address sends it. */
export interface Parties {
  requester: Contact;
  mailbox: string;
  addressing: Pick<MailSpec, 'from' | 'to'>;
}

/** The ticket's parties, or why there is no mail to send: 1 request (the requester), cached. */
export async function partiesOf(
  ctx: OutboxContext,
  ticket: { requesterId?: string; mailbox?: string },
): Promise<Parties | OutboxRefusal> {
  const requester = ticket.requesterId ? await ctx.site.readContact(ticket.requesterId) : undefined;
  if (!requester?.email) return { refused: 'no-recipient' };
  // A ticket opened by the support address itself has no one outside to write to.
  const own = ctx.tenant.supportAddresses.map((a) => a.trim().toLowerCase());
  if (own.includes(requester.email.trim().toLowerCase())) return { refused: 'no-recipient' };
  // A ticket without the address that received it (from the portal): the tenant's first.
  const mailbox = ticket.mailbox?.trim() || ctx.tenant.supportAddresses[0]?.trim();
  if (!mailbox) return { refused: 'no-sender' };
  const addressing = {
    from: { address: mailbox },
    to: [{ address: requester.email, name: requester.name }],
  };
  return { requester, mailbox, addressing };
}

/** In-Reply-To and References: the ticket's mail, when its Message-ID is known. */
export function threading(
  ticketMessageId: string | undefined,
): Pick<MailSpec, 'inReplyTo' | 'references'> {
  return ticketMessageId ? { inReplyTo: ticketMessageId, references: [ticketMessageId] } : {};
}

/** Whether the mailbox was refused `permission` earlier in this run. */
export const isDenied = (ctx: OutboxContext, mailbox: string, permission: string): boolean =>
  ctx.denied.get(mailbox.toLowerCase())?.has(permission) === true;

/** Records the refusal; false when it was known already. */
export function deny(ctx: OutboxContext, mailbox: string, permission: string): boolean {
  if (isDenied(ctx, mailbox, permission)) return false;
  const key = mailbox.toLowerCase();
  ctx.denied.set(key, new Set([...(ctx.denied.get(key) ?? []), permission]));
  return true;
}
