/**
 * What the pipeline needs from a customer's helpdesk site, in the helpdesk's words, as small
 * roles named for what a caller does (a stage that only finds threads asks for a ThreadFinder).
 * The Graph implementation lives beside this file (site.ts); pure tests may fake any role.
 */

import type { MailLogShelf } from '../mailLog/book';
import type { AttachmentLibrary } from './library';
import type { MailLog } from './mailLog';
import type { Outbox, OutboxReader, TemplateShelf } from './outboxRoles';

export type { Outbox, OutboxReader, TemplateShelf, TicketMail } from './outboxRoles';

/** Where a tenant's helpdesk lives: its Entra tenant and the SharePoint site URL. */
export interface SiteRef {
  entraTenantId: string;
  siteUrl: string;
}

export interface Contact {
  id: string;
  email: string;
  name: string;
}

export interface NewTicket {
  title: string;
  /** Sanitised HTML. */
  body: string;
  requesterId: string;
  ccIds: string[];
  /** The support address that received the mail. */
  mailbox: string;
  mailKey: string;
  /** The mail's fingerprint (mail/mailKey.ts), kept beside the MailKey where the site has room. */
  mailHash?: string;
  /** The mail's Message-ID, with brackets; stored where the site has the outbox columns. */
  messageId?: string;
  /** Asks the outbox for an acknowledgement; only where the site has the outbox columns. */
  mailStatus?: 'To send';
}

export interface TicketRef {
  id: string;
  webUrl?: string;
  /** Set when another delivery of the same mail wrote it first (both passed the dedupe check). */
  existed?: boolean;
}

/** Who may write into a ticket by its number, and whom its replies reach. */
export interface TicketParties extends TicketRef {
  requesterId: string | undefined;
  ccIds: string[];
  /** The item's eTag when read: an update of the Cc is refused (412) if the ticket changed since. */
  eTag: string | undefined;
}

/** A ticket or comment already written for a mail, found by the mail's MailKey. */
export interface StoredMail {
  mailKey: string;
  ticketId: string;
  /** Set when the mail became a comment. */
  commentId?: string;
  /** The fingerprint of the mail that wrote it; unset for items written before fingerprints. */
  mailHash?: string;
}

export interface NewComment {
  ticketId: string;
  title: string;
  /** Sanitised HTML, the quoted history cut off. */
  body: string;
  /** Unset for an automatic reply from an address that is no contact (a mailer daemon). */
  senderId: string | undefined;
  mailKey: string;
  /** As NewTicket.mailHash. */
  mailHash?: string;
  /** As NewTicket.messageId; the comment is then written `Received` (never sent). */
  messageId?: string;
  /** An auto-reply or bounce: stored as an internal comment that triggers nothing. */
  autoReply: boolean;
}

export interface CommentRef {
  id: string;
  /** As TicketRef.existed. */
  existed?: boolean;
}

/** Writes a mail's ticket and keeps its Cc up to date. */
export interface TicketWriter {
  /**
   * Creates the ticket. When another delivery of the same mail won the race, the unique MailKey
   * column refuses the second write; the implementation then returns the existing ticket.
   */
  createTicket(ticket: NewTicket): Promise<TicketRef>;
  /** Sets the ticket's Cc contacts; throws a TransientError when the ticket changed since read. */
  setTicketCc(ticket: TicketParties, ccIds: readonly string[]): Promise<void>;
}

/** Writes a mail that answers a ticket. */
export interface CommentWriter {
  /** Creates the comment; like createTicket, a lost race returns the comment that won. */
  createComment(comment: NewComment): Promise<CommentRef>;
}

/** Finds what a mail was already written as, and the ticket it answers. */
export interface ThreadFinder {
  /** Tickets whose MailKey is one of `mailKeys` (one indexed query). */
  findTicketsByMailKeys(mailKeys: readonly string[]): Promise<StoredMail[]>;
  /** Comments whose MailKey is one of `mailKeys`, with their tickets (one indexed query). */
  findCommentsByMailKeys(mailKeys: readonly string[]): Promise<StoredMail[]>;
  /** The ticket with this id and its parties; undefined when there is none. */
  readTicket(id: string): Promise<TicketParties | undefined>;
}

/** The helpdesk's contacts: requesters, Cc and comment senders. */
export interface ContactBook {
  /** Finds a contact by e-mail (case-insensitive). */
  findContact(email: string): Promise<Contact | undefined>;
  /** Finds a contact by e-mail (case-insensitive) or creates it. */
  ensureContact(email: string, name: string): Promise<Contact>;
  /** The e-mail address of the contact with this id; undefined when there is none. */
  readContactEmail(id: string): Promise<string | undefined>;
}

/** Where a mail's files go. */
export interface FileShelf {
  /** The `Ticket Attachments` library: a folder of files per ticket and comment. */
  readonly library: AttachmentLibrary;
}

/** Where mail that did not become a ticket is written (mailLog.ts); none without the list. */
export interface MailLogRecorder {
  readonly mailLog?: MailLog;
}

/** One customer's helpdesk site: every role above, for whoever needs more than one. */
export type HelpdeskSite = TicketWriter &
  CommentWriter &
  ThreadFinder &
  ContactBook &
  FileShelf &
  MailLogShelf &
  MailLogRecorder;

/** What the outbox timer works with on one site (outboxRoles.ts). */
export type OutboxSite = Outbox & TemplateShelf & OutboxReader & FileShelf;

export interface HelpdeskDirectory {
  /** Opens a tenant's helpdesk site; site and list ids are resolved once and cached per tenant. */
  open(site: SiteRef): Promise<HelpdeskSite>;
  /** The same site for the outbox timer; shares open()'s cached ids. */
  openOutbox(site: SiteRef): Promise<OutboxSite>;
}
