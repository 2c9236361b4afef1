/**
 * Tickets list items. Graph requests: findTicketByMailKey 1; createTicket 1 (2 when it lost a
 * race and re-reads the winner).
 */
import type { NewTicket, TicketRef } from './helpdesk';
import { checkMailKey, cutText, messageIdField, titleText } from './columnText';
import { type GraphItem, type ListRef, createItem, findOne, lookupId } from './items';
import { MAX_RICH_TEXT, MAX_TEXT } from './schema';

const toRef = (item: GraphItem): TicketRef =>
  item.webUrl ? { id: item.id, webUrl: item.webUrl } : { id: item.id };

export async function findTicketByMailKey(
  tickets: ListRef,
  mailKey: string,
): Promise<TicketRef | undefined> {
  const item = await findOne(tickets, 'MailKey', mailKey, 'find ticket by mail key', {
    item: 'id,webUrl',
  });
  return item && toRef(item);
}

/** The fieldValueSet of a new ticket (internal column names, docs/schema.md). */
export function ticketFields(ticket: NewTicket): Record<string, unknown> {
  checkMailKey(ticket.mailKey);
  const fields: Record<string, unknown> = {
    // Title and Mailbox are single-line text (255); the body is multi-line text (63,999). The
    // mail stage already cuts at tag boundaries; this only keeps an oversized value from
    // turning into a 400 and a poisoned mail.
    Title: titleText(ticket.title),
    Body: cutText(ticket.body, MAX_RICH_TEXT),
    Status: 'New',
    Priority: 'Normal',
    Source: 'Email',
    RequesterLookupId: lookupId(ticket.requesterId, 'requester id'),
    Mailbox: cutText(ticket.mailbox, MAX_TEXT),
    MailKey: ticket.mailKey,
    ...(ticket.mailHash ? { MailHash: cutText(ticket.mailHash, MAX_TEXT) } : {}),
    // The outbox columns (set only where the site has them, site.ts): the mail's Message-ID, and
    // `To send` when the pipeline asks for an acknowledgement.
    ...messageIdField(ticket.messageId),
    ...(ticket.mailStatus ? { MailStatus: ticket.mailStatus } : {}),
  };
  const cc = [...new Set(ticket.ccIds.map((id) => lookupId(id, 'cc id')))].sort((a, b) => a - b);
  if (cc.length > 0) {
    // A multi-value lookup needs the type annotation, without it Graph answers 400.
    fields['CcLookupId@odata.type'] = 'Collection(Edm.Int32)';
    fields.CcLookupId = cc;
  }
  return fields;
}

export async function createTicket(tickets: ListRef, ticket: NewTicket): Promise<TicketRef> {
  const fields = ticketFields(ticket);
  return createItem(tickets, fields, 'create ticket', toRef, async () => {
    const found = await findTicketByMailKey(tickets, ticket.mailKey);
    return found && { ...found, existed: true };
  });
}
