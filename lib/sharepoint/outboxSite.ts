/**
 * The Graph implementation of the outbox timer's view of one site (helpdesk.ts OutboxSite): the
 * outbox and templates of outbox.ts, the ticket and contacts a mail goes to, and the attachment
 * library. Graph requests: readTicketMail 1; readContact 1, none for a contact read lately.
 */
import { readContact } from './contacts';
import type { Graph } from './graph';
import type { Contact, OutboxSite, TicketMail } from './helpdesk';
import { isNotFound } from './graphCallError';
import { type GraphItem, type ListRef, itemsPath, lookupId } from './items';
import type { AttachmentLibrary } from './libraryTypes';
import { GraphOutbox } from './outbox';
import type { HelpdeskIds } from './siteSchema';
import { lookupIds } from './threads';

// A reply reads its ticket's requester and Cc; the next replies of the same ticket, within a run
// or the next few, read the same contacts. Five minutes bounds how long an address an agent
// changed is still used; a few hundred entries cover a busy tenant's runs.
const CONTACT_TTL_MS = 5 * 60_000;
const CONTACT_CACHE_MAX = 500;

const str = (v: unknown): string | undefined =>
  (typeof v === 'string' && v) || typeof v === 'number' ? String(v) : undefined;

export class GraphOutboxSite extends GraphOutbox implements OutboxSite {
  private readonly tickets: ListRef;
  private readonly contacts: ListRef;
  private readonly known = new Map<string, { contact: Contact; until: number }>();

  constructor(
    graph: Graph,
    site: HelpdeskIds,
    readonly library: AttachmentLibrary,
    /** The clock in ms of the contact cache; injected by tests. */
    private readonly now: () => number = Date.now,
  ) {
    super(graph, site);
    this.tickets = { graph, siteId: site.siteId, listId: site.lists.tickets };
    this.contacts = { graph, siteId: site.siteId, listId: site.lists.contacts };
  }

  async readTicketMail(ticketId: string): Promise<TicketMail | undefined> {
    // MessageId only where the site has it: SharePoint refuses to select a column it lacks.
    const fields = `Title,Mailbox,RequesterLookupId,Cc${this.ids.outbox ? ',MessageId' : ''}`;
    let item: GraphItem;
    try {
      item = await this.tickets.graph.get<GraphItem>(
        `${itemsPath(this.tickets)}/${lookupId(ticketId, 'ticket id')}`,
        { op: 'read ticket mail', query: { $expand: `fields($select=${fields})` } },
      );
    } catch (err) {
      if (isNotFound(err)) return undefined;
      throw err;
    }
    const f = item.fields ?? {};
    const opt = (name: keyof TicketMail, v: unknown) => (str(v) ? { [name]: str(v) } : {});
    return {
      id: item.id,
      title: str(f.Title) ?? '',
      ...opt('messageId', f.MessageId),
      ...opt('mailbox', f.Mailbox),
      ...opt('requesterId', f.RequesterLookupId),
      ccIds: [...new Set([...lookupIds(f.Cc), ...lookupIds(f.CcLookupId)])],
    };
  }

  async readContact(id: string): Promise<Contact | undefined> {
    const cached = this.known.get(id);
    if (cached && this.now() < cached.until) return cached.contact;
    this.known.delete(id);
    const contact = await readContact(this.contacts, id);
    if (!contact) return undefined; // not kept: the contact may be created again
    if (this.known.size >= CONTACT_CACHE_MAX) {
      const oldest = this.known.keys().next().value;
      if (oldest !== undefined) this.known.delete(oldest);
    }
    this.known.set(id, { contact, until: this.now() + CONTACT_TTL_MS });
    return contact;
  }
}
