/**
 * Where an admitted mail goes, as one value: its own item written earlier whose files still need
 * work, a comment on the ticket it answers, or a new ticket. dedupe, burst and thread find it
 * (routeMail in processMail.ts); a mail written complete before stops in dedupe as a duplicate,
 * a sender over the burst limit in burst, an auto-reply that answers nothing in thread (all
 * three drop the staged copy there). Types only: the stages that find a route import them.
 */
import type { TicketDraft } from '../mail/ticketDraft';
import type { Contact, StoredMail, TicketParties } from '../sharepoint/helpdesk';
import type { FolderRef } from '../sharepoint/library';
import type { MailIdentity } from './claim';

/** This mail's own item, written by an earlier delivery that died before its files. */
export interface ResumeRoute {
  kind: 'resume';
  folder: FolderRef;
}

/** A mail not written yet: the key it goes under, and the stored mails it answers. */
export interface Unwritten {
  kind: 'unwritten';
  identity: MailIdentity;
  /** Stored tickets and comments of the mails this one answers, the likeliest first. */
  answers: StoredMail[];
}

interface Writable {
  identity: MailIdentity;
  /** Title and body, built once: the write and the inline image rewrite use the same. */
  draft: TicketDraft;
  /** The sender's contact, when threading already looked it up. */
  sender?: Contact;
}

/** A reply: a comment on ticket `ticketId` (`parties` when threading read the ticket). */
export interface CommentRoute extends Writable {
  kind: 'comment';
  ticketId: string;
  parties?: TicketParties;
}

/** A new ticket: only a normal mail gets here (thread.ts drops an auto-reply that threads nowhere). */
export interface TicketRoute extends Writable {
  kind: 'ticket';
}

export type Route = ResumeRoute | CommentRoute | TicketRoute;
