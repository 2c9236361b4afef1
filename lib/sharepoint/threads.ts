/**
 * What threading reads and changes in the lists: tickets and comments found by the MailKeys of
 * the mails a reply names (one indexed query per list), a ticket's requester and Cc, and an
 * update of its Cc guarded by the ticket's eTag. Graph requests: findByMailKeys 1 per list;
 * readTicket 1; setTicketCc 1.
 */
import { TransientError } from '../errors';
import { isNotFound, isPreconditionFailed } from './graphCallError';
import type { StoredMail, TicketParties } from './helpdesk';
import { type GraphItem, type ListRef, itemsPath, lookupId } from './items';
import { fieldEquals } from './odata';

/**
 * Items whose MailKey is one of `mailKeys`: `MailKey eq 'a' or MailKey eq 'b' ...` on the indexed,
 * unique column, so at most one item per key and no 5,000-item threshold for a short `or` of
 * indexed equalities (unverified against SharePoint beyond its documented single-column case).
 */
export async function findByMailKeys(
  list: ListRef,
  mailKeys: readonly string[],
  kind: 'ticket' | 'comment',
  /** The list has the MailHash column (a site provisioned before it has not). */
  withHash = false,
): Promise<StoredMail[]> {
  if (mailKeys.length === 0) return [];
  const fields = ['MailKey', ...(kind === 'comment' ? ['TicketLookupId'] : [])];
  if (withHash) fields.push('MailHash');
  const page = await list.graph.get<{ value?: GraphItem[] }>(itemsPath(list), {
    op: `find ${kind}s by mail keys`,
    query: {
      $filter: mailKeys.map((key) => fieldEquals('MailKey', key)).join(' or '),
      $select: 'id',
      $expand: `fields($select=${fields.join(',')})`,
      $top: String(mailKeys.length),
    },
  });
  const found: StoredMail[] = [];
  for (const item of page.value ?? []) {
    const mailKey = item.fields?.MailKey;
    const mailHash = item.fields?.MailHash;
    const ticketId = kind === 'ticket' ? item.id : item.fields?.TicketLookupId;
    if (
      typeof mailKey !== 'string' ||
      (typeof ticketId !== 'string' && typeof ticketId !== 'number')
    )
      continue; // a comment an agent detached from its ticket threads nowhere
    found.push({
      mailKey: mailKey.toLowerCase(),
      ticketId: String(ticketId),
      ...(kind === 'comment' ? { commentId: item.id } : {}),
      ...(typeof mailHash === 'string' && mailHash ? { mailHash } : {}),
    });
  }
  return found;
}

/** A multi-value lookup as read: `[{LookupId, LookupValue}]` under the column's name, or ids. */
export function lookupIds(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  return value
    .map((v: unknown) =>
      typeof v === 'object' && v !== null ? (v as { LookupId?: unknown }).LookupId : v,
    )
    .filter((v): v is string | number => typeof v === 'string' || typeof v === 'number')
    .map(String);
}

export async function readTicket(tickets: ListRef, id: string): Promise<TicketParties | undefined> {
  const path = `${itemsPath(tickets)}/${lookupId(id, 'ticket id')}`;
  let item: GraphItem & { eTag?: string };
  try {
    item = await tickets.graph.get(path, {
      op: 'read ticket',
      query: { $expand: 'fields($select=RequesterLookupId,Cc)' },
    });
  } catch (err) {
    if (isNotFound(err)) return undefined;
    throw err;
  }
  const requester = item.fields?.RequesterLookupId;
  return {
    id: item.id,
    ...(item.webUrl ? { webUrl: item.webUrl } : {}),
    requesterId:
      typeof requester === 'string' || typeof requester === 'number'
        ? String(requester)
        : undefined,
    ccIds: [...lookupIds(item.fields?.Cc), ...lookupIds(item.fields?.CcLookupId)],
    eTag: item.eTag ?? (item.fields?.['@odata.etag'] as string | undefined),
  };
}

export async function setTicketCc(
  tickets: ListRef,
  ticket: TicketParties,
  ccIds: readonly string[],
): Promise<void> {
  const ids = [...new Set(ccIds.map((id) => lookupId(id, 'cc id')))].sort((a, b) => a - b);
  try {
    await tickets.graph.patch(
      `${itemsPath(tickets)}/${lookupId(ticket.id, 'ticket id')}/fields`,
      // A multi-value lookup needs the type annotation, without it Graph answers 400.
      { 'CcLookupId@odata.type': 'Collection(Edm.Int32)', CcLookupId: ids },
      { op: 'set ticket cc', ...(ticket.eTag ? { headers: { 'If-Match': ticket.eTag } } : {}) },
    );
  } catch (err) {
    // An agent (or a concurrent reply) changed the ticket since it was read: the queue retries
    // the mail, which reads the ticket again, so neither side's Cc is lost.
    if (isPreconditionFailed(err)) {
      throw new TransientError('ticket-changed', 'set ticket cc: the ticket changed since read', {
        cause: err,
      });
    }
    throw err;
  }
}
