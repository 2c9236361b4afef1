/**
 * The Graph implementation of one helpdesk site: every role of helpdesk.ts on the ids that
 * directory.ts resolved, each call guarded so a list deleted since turns into a retry.
 */
import { TransientError } from '../errors';
import type { MailLogBook } from '../mailLog/book';
import { GraphMailLogBook } from '../mailLog/graphBook';
import { isNotFound } from './graphCallError';
import * as comments from './comments';
import { ContactCache, staleContact } from './contactCache';
import * as contacts from './contacts';
import type { Graph } from './graph';
import type {
  CommentRef,
  Contact,
  HelpdeskSite,
  NewComment,
  NewTicket,
  OutboxSite,
  StoredMail,
  TicketParties,
  TicketRef,
} from './helpdesk';
import type { ListRef } from './items';
import { type AttachmentLibrary, GraphAttachmentLibrary } from './library';
import { GraphMailLog, type MailLog } from './mailLog';
import type { HelpdeskIds } from './provision';
import { GraphOutboxSite } from './outboxSite';
import * as threads from './threads';
import * as tickets from './tickets';

export class GraphHelpdeskSite implements HelpdeskSite {
  private readonly tickets: ListRef;
  private readonly contacts: ListRef;
  private readonly comments: ListRef;
  private readonly known: ContactCache;
  readonly library: AttachmentLibrary;
  /** Writes mail that did not become a ticket; none on a site without the Mail Log. */
  readonly mailLog?: MailLog;
  /** The same site as the outbox timer sees it, on the same ids and library. */
  readonly outbox: OutboxSite;
  /** The Mail Log as the recovery of mail uses it (lib/mailLog); none on a site without it. */
  readonly mailLogBook?: MailLogBook;

  constructor(
    graph: Graph,
    readonly ids: HelpdeskIds,
    /** Called when a cached id no longer resolves (a list deleted and re-created by an admin). */
    private readonly onStale: () => void = () => undefined,
    /** The clock in ms of the contact cache; injected by tests. */
    now: () => number = Date.now,
  ) {
    this.known = new ContactCache(now);
    this.tickets = { graph, siteId: ids.siteId, listId: ids.lists.tickets };
    this.contacts = { graph, siteId: ids.siteId, listId: ids.lists.contacts };
    this.comments = { graph, siteId: ids.siteId, listId: ids.lists.comments };
    const files = { graph, siteId: ids.siteId, listId: ids.lists.attachments };
    const library = new GraphAttachmentLibrary(graph, files, {
      tickets: this.tickets,
      comments: this.comments,
    });
    this.library = library;
    if (ids.mailLog) {
      const list = { graph, siteId: ids.siteId, listId: ids.mailLog };
      this.mailLog = new GraphMailLog(list, () => library.driveId());
      this.mailLogBook = new GraphMailLogBook(list, () => library.driveId());
    }
    this.outbox = new GraphOutboxSite(graph, ids, this.library, now);
  }

  createTicket(ticket: NewTicket): Promise<TicketRef> {
    const ids = [ticket.requesterId, ...ticket.ccIds];
    return this.guard(tickets.createTicket(this.tickets, this.fitted(ticket)), ids);
  }

  ensureContact(email: string, name: string): Promise<Contact> {
    return this.guard(contacts.ensureCachedContact(this.contacts, this.known, email, name));
  }

  readContactEmail(id: string): Promise<string | undefined> {
    return this.guard(contacts.readContactEmail(this.contacts, id));
  }

  findContact(email: string): Promise<Contact | undefined> {
    // An address no contact can have (a mailer daemon's, without @) finds nothing.
    const address = contacts.contactAddress(email);
    if (!address) return Promise.resolve(undefined);
    return this.guard(contacts.findCachedContact(this.contacts, this.known, address));
  }

  findTicketsByMailKeys(mailKeys: readonly string[]): Promise<StoredMail[]> {
    return this.guard(threads.findByMailKeys(this.tickets, mailKeys, 'ticket', this.ids.mailHash));
  }

  findCommentsByMailKeys(mailKeys: readonly string[]): Promise<StoredMail[]> {
    return this.guard(
      threads.findByMailKeys(this.comments, mailKeys, 'comment', this.ids.mailHash),
    );
  }

  readTicket(id: string): Promise<TicketParties | undefined> {
    return this.guard(threads.readTicket(this.tickets, id));
  }

  setTicketCc(ticket: TicketParties, ccIds: readonly string[]): Promise<void> {
    return this.guard(threads.setTicketCc(this.tickets, ticket, ccIds), ccIds);
  }

  createComment(comment: NewComment): Promise<CommentRef> {
    const ids = [comment.senderId];
    const fitted = this.fitted(comment);
    return this.guard(comments.createComment(this.comments, fitted, this.ids.outbox), ids);
  }

  /** Without a column added later (a site not provisioned again since), SharePoint refuses it. */
  private fitted<T extends { mailHash?: string; messageId?: string; mailStatus?: string }>(
    item: T,
  ): T {
    const { mailHash, outbox } = this.ids;
    if (mailHash && outbox) return item;
    return {
      ...item,
      ...(mailHash ? {} : { mailHash: undefined }),
      ...(outbox ? {} : { messageId: undefined, mailStatus: undefined }),
    };
  }

  /** A 404 on a cached list: forget the ids and let the queue retry (the next open re-validates). */
  /** With `contactIds`, a refused write may name a deleted contact (contactCache.ts). */
  private async guard<T>(
    work: Promise<T>,
    contactIds?: readonly (string | undefined)[],
  ): Promise<T> {
    try {
      return await work;
    } catch (err) {
      if (isNotFound(err)) {
        this.onStale();
        throw new TransientError('helpdesk-ids-stale', 'helpdesk list not found; ids dropped', {
          cause: err,
        });
      }
      throw contactIds ? staleContact(this.known, contactIds, err) : err;
    }
  }
}
