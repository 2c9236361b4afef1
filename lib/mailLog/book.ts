/**
 * The Mail Log as the recovery of mail sees it (docs/mail-log.md "Make ticket"): items an agent
 * set to `Make ticket`, each taken by one runner only (the item's eTag), and the original kept
 * beside it in the library. graphBook.ts implements it on a site's ids; unit tests fake it.
 */
import type { MailLogAction } from '../sharepoint/schema';

/** One Mail Log item as read: what recovering its mail needs, never its subject or sender. */
export interface MailLogItem {
  id: string;
  /** The item's eTag when read: a change is refused if anyone changed the item since. */
  eTag: string;
  action?: MailLogAction;
  /** The MailKey the item was logged under; may be a reusedKey, so the ticket's key can differ. */
  mailKey?: string;
  /** The server-relative path of the kept original in the attachments library. */
  original?: string;
  /** When the item was last changed: how long a `Making` item has been left as it is. */
  modifiedAt?: Date;
}

/** What the service writes on an item: taken, done with its ticket, or failed with a code. */
export type ActionChange =
  | { action: 'Making' }
  | { action: 'Make ticket' }
  /** Without a ticket id when the ticket was written under another key (pipeline/claim.ts). */
  | { action: 'Done'; ticketId?: string }
  | { action: 'Failed'; note: string };

export interface MailLogBook {
  /** Items whose Action is one of `actions`, at most `top`: one query on the indexed column. */
  findByAction(actions: readonly MailLogAction[], top: number): Promise<MailLogItem[]>;
  /** The item, or undefined when it was deleted. One request. */
  readEntry(id: string): Promise<MailLogItem | undefined>;
  /**
   * Changes the item only if it is as read (If-Match): the item with its new eTag, or undefined
   * when someone changed it since (another runner, an agent) or deleted it. One request.
   */
  setAction(
    entry: Pick<MailLogItem, 'id' | 'eTag'>,
    change: ActionChange,
  ): Promise<MailLogItem | undefined>;
  /** The kept original's bytes, or undefined when it is gone; a PermanentError past `maxBytes`. */
  readOriginal(path: string, maxBytes: number): Promise<Buffer | undefined>;
}

/** The Mail Log of a site that has one (optional: sites provisioned before it have none). */
export interface MailLogShelf {
  readonly mailLogBook?: MailLogBook;
}
