/**
 * Outbox items (docs/schema.md "The outbox"): tickets whose acknowledgement and comments whose
 * reply are to be sent, found by the indexed MailStatus, claimed by one sender only (the item's
 * eTag), then marked. Graph requests: findOutbox 1; claimOutboxItem 1; markOutboxItem 1.
 */
import { checkMailKey, messageIdField } from './columnText';
import { isNotFound, isPreconditionFailed } from './graphCallError';
import { type GraphItem, type ListRef, itemsPath, lookupId } from './items';
import { fieldEquals } from './odata';
import type { OutboxEntry, OutboxItem, OutboxItemOf, OutboxList, OutboxMark } from './outbox';
import type { MailStatus } from './schema';

// Only what composing the mail needs: the Body of a comment, never a ticket's (an ack does not
// quote the mail it acknowledges). A comment's MailKey and SentAt tell one from mail (a key, never
// sent) from an agent's (no key, or sent before): the first must never be sent back.
const FIELDS: Record<OutboxList, string> = {
  tickets: 'Title,MailStatus,MessageId,RequesterLookupId,Mailbox',
  comments: 'Body,MailStatus,MessageId,TicketLookupId,Internal,MailKey,SentAt',
};

const str = (v: unknown): string | undefined =>
  typeof v === 'string' || typeof v === 'number' ? String(v) : undefined;
/** `{ [name]: value }` when the field holds one: an empty field leaves the property out. */
const opt = <K extends string>(name: K, v: unknown): Partial<Record<K, string>> =>
  str(v) ? ({ [name]: str(v) } as Record<K, string>) : {};

/** The items of `list` in `status`, by id, at most `top` (one query on the indexed column). */
export async function findOutbox<L extends OutboxList>(
  items: ListRef,
  list: L,
  status: MailStatus,
  top: number,
): Promise<OutboxItemOf<L>[]> {
  const page = await items.graph.get<{ value?: FoundItem[] }>(itemsPath(items), {
    op: `find ${list} outbox`,
    query: {
      $filter: fieldEquals('MailStatus', status),
      $select: 'id,eTag,lastModifiedDateTime',
      $expand: `fields($select=${FIELDS[list]})`,
      $top: String(top),
    },
  });
  return (page.value ?? []).map((item) => outboxItem(list, item, status) as OutboxItemOf<L>);
}

type FoundItem = GraphItem & { eTag?: string; lastModifiedDateTime?: string };

function outboxItem(list: OutboxList, item: FoundItem, status: MailStatus): OutboxItem {
  const f = item.fields ?? {};
  const eTag = item.eTag ?? str(f['@odata.etag']) ?? '';
  const modified = Date.parse(item.lastModifiedDateTime ?? '');
  const entry: OutboxEntry = {
    id: item.id,
    eTag,
    status,
    ...opt('messageId', f.MessageId),
    ...(Number.isNaN(modified) ? {} : { modifiedAt: new Date(modified) }),
  };
  if (list === 'tickets') {
    const title = str(f.Title) ?? '';
    return {
      ...entry,
      list,
      title,
      ...opt('requesterId', f.RequesterLookupId),
      ...opt('mailbox', f.Mailbox),
    };
  }
  const body = str(f.Body) ?? '';
  const sentAt = Date.parse(str(f.SentAt) ?? '');
  return {
    ...entry,
    list,
    body,
    internal: f.Internal === true,
    ...opt('ticketId', f.TicketLookupId),
    ...opt('mailKey', f.MailKey),
    ...(Number.isNaN(sentAt) ? {} : { sentAt: new Date(sentAt) }),
  };
}

/**
 * Takes the item for sending: MailStatus `Sending`, only if the item is as it was read. Another
 * sender that read the same eTag gets undefined (412), and so does one whose item was deleted
 * since (404). With `messageId`, the Message-ID of the mail about to go out is stored in the same
 * write, so a sender that dies after sending finds it in Sent Items instead of sending twice.
 */
export async function claimOutboxItem<T extends OutboxItem>(
  items: ListRef,
  item: T,
  messageId?: string,
): Promise<T | undefined> {
  try {
    const fields = await items.graph.patch<{ '@odata.etag'?: string }>(
      `${itemsPath(items)}/${lookupId(item.id, 'outbox item id')}/fields`,
      { MailStatus: 'Sending', ...messageIdField(messageId) },
      { op: `claim ${item.list} outbox item`, headers: { 'If-Match': item.eTag } },
    );
    const eTag = fields['@odata.etag'] ?? item.eTag;
    return { ...item, eTag, status: 'Sending', ...(messageId ? { messageId } : {}) };
  } catch (err) {
    if (isPreconditionFailed(err) || isNotFound(err)) return undefined;
    throw err;
  }
}

/**
 * Marks a claimed item (or gives it back: `To send`; or `Received`: a comment from mail written
 * without its status); unconditional, the claim made the item this sender's. A comment's `mark.mailKey` becomes its MailKey, so a reply to the mail sent for it
 * threads to it by headers; a ticket keeps the MailKey of the mail that opened it.
 */
export async function markOutboxItem(
  items: ListRef,
  item: Pick<OutboxItem, 'id' | 'list'>,
  status: Exclude<MailStatus, 'Sending'>,
  mark: OutboxMark = {},
): Promise<void> {
  await items.graph.patch(
    `${itemsPath(items)}/${lookupId(item.id, 'outbox item id')}/fields`,
    {
      MailStatus: status,
      ...(mark.sentAt ? { SentAt: mark.sentAt.toISOString() } : {}),
      ...messageIdField(mark.messageId),
      ...mailKeyField(item.list, mark.mailKey),
    },
    { op: `mark ${item.list} outbox item` },
  );
}

function mailKeyField(list: OutboxList, mailKey: string | undefined): { MailKey?: string } {
  if (!mailKey || list !== 'comments') return {};
  checkMailKey(mailKey);
  return { MailKey: mailKey };
}
