/**
 * What the pipeline writes for a mail, as one value: the title and the body, each within its
 * column's limit. A ticket keeps the whole body; a reply (a comment on its ticket) loses the
 * quoted history the ticket already holds. The files stage rewrites inline images in this same
 * body, so the body is built here once and nowhere else.
 */
import type { RemoteImages } from './html';
import type { ParsedMail } from './parse';
import { commentBody, ticketBody, ticketTitle } from './ticketFields';

export interface TicketDraft {
  title: string;
  /** Sanitised HTML, at most the rich-text column's limit. */
  body: string;
}

export type DraftMail = Pick<ParsedMail, 'subject' | 'html' | 'text' | 'bodyTruncated'>;

export interface DraftOptions {
  /** The tenant's choice; 'block' when unset. */
  remoteImages?: RemoteImages;
  /** A reply on a ticket (written as a comment) rather than a new ticket. */
  reply: boolean;
}

export function ticketDraft(mail: DraftMail, opts: DraftOptions): TicketDraft {
  const images = { remoteImages: opts.remoteImages };
  return {
    title: ticketTitle(mail.subject),
    body: opts.reply ? commentBody(mail, images) : ticketBody(mail, images),
  };
}
