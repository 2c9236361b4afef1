/**
 * The outbox (docs/schema.md "The outbox", issue 9's foundation: the sender that uses it comes
 * next): its items as a sender sees them, and the Graph implementation of the outbox roles of
 * helpdesk.ts on one site's ids. A site not provisioned again since the outbox columns and the
 * Mail Templates list were added has nothing to send and no templates of its own.
 */
import type { Graph } from './graph';
import type { Outbox, TemplateShelf } from './helpdesk';
import type { ListRef } from './items';
import * as items from './outboxItems';
import type { MailStatus } from './schema';
import type { HelpdeskIds } from './siteSchema';
import type { MailTemplate } from './templateTexts';
import { readTemplates } from './templates';

export type OutboxList = 'tickets' | 'comments';

export interface OutboxEntry {
  id: string;
  /** The item's eTag when read: a claim is refused if anyone changed the item since. */
  eTag: string;
  status: MailStatus;
  /** The Message-ID stored on the item (docs/schema.md), when there is one. */
  messageId?: string;
  /** The item's lastModifiedDateTime: how long a `Sending` item has been left as it is. */
  modifiedAt?: Date;
}

/** A ticket whose acknowledgement is to be sent to its requester. */
export interface TicketOutboxItem extends OutboxEntry {
  list: 'tickets';
  title: string;
  requesterId?: string;
  /** The support address that received the ticket's mail: the one to answer from. */
  mailbox?: string;
}

/** A comment whose reply is to be sent to the ticket's requester and Cc. */
export interface CommentOutboxItem extends OutboxEntry {
  list: 'comments';
  /** Unset when an agent detached the comment from its ticket. */
  ticketId?: string;
  /** The agent's HTML. */
  body: string;
  internal: boolean;
  /** The MailKey: of the mail the comment came from, or of the reply sent for it. */
  mailKey?: string;
  /** When its reply was sent; unset for a comment from mail, which is never sent. */
  sentAt?: Date;
}

export type OutboxItem = TicketOutboxItem | CommentOutboxItem;
export type OutboxItemOf<L extends OutboxList> = Extract<OutboxItem, { list: L }>;

/** What a sender writes once it knows: when the mail was sent, and under which Message-ID. */
export interface OutboxMark {
  sentAt?: Date;
  messageId?: string;
  /** A comment marked Sent: the MailKey of the Message-ID it went out under (mail/mailKey.ts). */
  mailKey?: string;
}

export class GraphOutbox implements Outbox, TemplateShelf {
  private readonly lists: Record<OutboxList, ListRef>;
  private readonly templates: ListRef | undefined;

  constructor(
    graph: Graph,
    protected readonly ids: HelpdeskIds,
  ) {
    const { siteId, lists } = ids;
    this.lists = {
      tickets: { graph, siteId, listId: lists.tickets },
      comments: { graph, siteId, listId: lists.comments },
    };
    this.templates = ids.templates ? { graph, siteId, listId: ids.templates } : undefined;
  }

  async findOutbox<L extends OutboxList>(
    list: L,
    status: MailStatus,
    top: number,
  ): Promise<OutboxItemOf<L>[]> {
    // Without the column, SharePoint would refuse the filter: there is nothing to send anyway.
    if (!this.ids.outbox) return [];
    return items.findOutbox(this.lists[list], list, status, top);
  }

  claimOutboxItem<T extends OutboxItem>(item: T, messageId?: string): Promise<T | undefined> {
    return items.claimOutboxItem(this.lists[item.list], item, messageId);
  }

  markOutboxItem(
    item: Pick<OutboxItem, 'id' | 'list'>,
    status: 'Sent' | 'Failed' | 'Not sent' | 'Received',
    mark?: OutboxMark,
  ): Promise<void> {
    return items.markOutboxItem(this.lists[item.list], item, status, mark);
  }

  releaseOutboxItem(item: Pick<OutboxItem, 'id' | 'list'>): Promise<void> {
    return items.markOutboxItem(this.lists[item.list], item, 'To send');
  }

  async readTemplates(language?: string): Promise<MailTemplate[]> {
    return this.templates ? readTemplates(this.templates, language) : [];
  }
}
