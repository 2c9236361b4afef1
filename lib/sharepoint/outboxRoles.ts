/**
 * What the outbox timer needs from a customer's helpdesk site (docs/schema.md "The outbox"), as
 * roles like those of helpdesk.ts: the items to send and their state, the customer's texts, and
 * the ticket and contacts a mail goes to. The Graph implementation is outboxSite.ts.
 */
import type { Contact } from './helpdesk';
import type { OutboxItem, OutboxItemOf, OutboxList, OutboxMark } from './outbox';
import type { MailStatus } from './schema';
import type { MailTemplate } from './templateTexts';

/** Mail to send for the helpdesk's items: find, claim (eTag), then mark or release. */
export interface Outbox {
  /** Items of `list` in `status`, at most `top`; none on a site without the outbox columns. */
  findOutbox<L extends OutboxList>(
    list: L,
    status: MailStatus,
    top: number,
  ): Promise<OutboxItemOf<L>[]>;
  /** Takes the item for sending, guarded by its eTag; undefined when another sender has it. */
  claimOutboxItem<T extends OutboxItem>(item: T, messageId?: string): Promise<T | undefined>;
  /**
   * Marks a claimed item, with when, under which Message-ID and (a comment) its MailKey;
   * `Received` for a comment from mail found `To send`, which keeps its MailKey.
   */
  markOutboxItem(
    item: Pick<OutboxItem, 'id' | 'list'>,
    status: 'Sent' | 'Failed' | 'Not sent' | 'Received',
    mark?: OutboxMark,
  ): Promise<void>;
  /** Gives a claimed item back (`To send`): nothing was sent, a later run tries again. */
  releaseOutboxItem(item: Pick<OutboxItem, 'id' | 'list'>): Promise<void>;
}

/** The customer's texts of the mail the helpdesk sends. */
export interface TemplateShelf {
  /** The site's templates (of `language` when given); none without a Mail Templates list. */
  readTemplates(language?: string): Promise<MailTemplate[]>;
}

/** What a mail about a ticket needs of it: whom to write, from where, in which thread. */
export interface TicketMail {
  id: string;
  title: string;
  /** The Message-ID of the mail the ticket came from; unset for a portal ticket or an old site. */
  messageId?: string;
  /** The support address that received the ticket's mail. */
  mailbox?: string;
  requesterId?: string;
  ccIds: string[];
}

/** Reads a ticket and contacts for a mail about them. */
export interface OutboxReader {
  /** One request; undefined when there is no such ticket. */
  readTicketMail(ticketId: string): Promise<TicketMail | undefined>;
  /** One request (a contact read lately costs none); undefined when there is none. */
  readContact(id: string): Promise<Contact | undefined>;
}
