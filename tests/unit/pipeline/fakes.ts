/**
 * Fakes of our own interfaces for pipeline tests: an in-memory helpdesk site (tickets, comments,
 * contacts with SharePoint's unique MailKey and Email) and an in-memory burst counter.
 */
import type {
  CommentRef,
  Contact,
  HelpdeskSite,
  NewComment,
  NewTicket,
  StoredMail,
  TicketParties,
  TicketRef,
} from '../../../lib/sharepoint/helpdesk';
import type { SenderBursts } from '../../../lib/storage/senderBursts';
import { MemoryLibrary } from './fakeLibrary';

export type StoredTicket = NewTicket & { id: string; version: number };
export type StoredComment = NewComment & { id: string };

export class MemoryHelpdesk implements HelpdeskSite {
  readonly library = new MemoryLibrary((ref) =>
    (ref.list === 'tickets' ? this.tickets : this.comments).find((x) => x.id === ref.id),
  );
  readonly tickets: StoredTicket[] = [];
  readonly comments: StoredComment[] = [];
  readonly contacts: Contact[] = [];
  /** Names of the calls made, in order (what a Graph request count would see). */
  readonly calls: string[] = [];
  private nextId = 1;

  private id(): string {
    return String(this.nextId++);
  }

  async findTicketByMailKey(mailKey: string): Promise<TicketRef | undefined> {
    this.calls.push('findTicketByMailKey');
    const t = this.tickets.find((x) => x.mailKey === mailKey);
    return t && { id: t.id };
  }

  async createTicket(ticket: NewTicket): Promise<TicketRef> {
    this.calls.push('createTicket');
    const existing = this.tickets.find((x) => x.mailKey === ticket.mailKey);
    if (existing) return { id: existing.id, existed: true };
    const stored = { ...ticket, ccIds: [...ticket.ccIds], id: this.id(), version: 1 };
    this.tickets.push(stored);
    return { id: stored.id };
  }

  async ensureContact(email: string, name: string): Promise<Contact> {
    this.calls.push('ensureContact');
    const address = email.toLowerCase();
    const found = this.contacts.find((c) => c.email === address);
    if (found) return found;
    const contact = { id: this.id(), email: address, name };
    this.contacts.push(contact);
    return contact;
  }

  async readContactEmail(id: string): Promise<string | undefined> {
    this.calls.push('readContactEmail');
    return this.contacts.find((c) => c.id === id)?.email;
  }

  async findContact(email: string): Promise<Contact | undefined> {
    this.calls.push('findContact');
    return this.contacts.find((c) => c.email === email.toLowerCase());
  }

  async findTicketsByMailKeys(keys: readonly string[]): Promise<StoredMail[]> {
    this.calls.push('findTicketsByMailKeys');
    return this.tickets
      .filter((t) => keys.includes(t.mailKey))
      .map((t) => ({ mailKey: t.mailKey, ticketId: t.id, mailHash: t.mailHash }));
  }

  async findCommentsByMailKeys(keys: readonly string[]): Promise<StoredMail[]> {
    this.calls.push('findCommentsByMailKeys');
    return this.comments
      .filter((c) => keys.includes(c.mailKey))
      .map((c) => ({
        mailKey: c.mailKey,
        ticketId: c.ticketId,
        commentId: c.id,
        mailHash: c.mailHash,
      }));
  }

  async readTicket(id: string): Promise<TicketParties | undefined> {
    this.calls.push('readTicket');
    const t = this.tickets.find((x) => x.id === id);
    return (
      t && { id: t.id, requesterId: t.requesterId, ccIds: [...t.ccIds], eTag: String(t.version) }
    );
  }

  async setTicketCc(ticket: TicketParties, ccIds: readonly string[]): Promise<void> {
    this.calls.push('setTicketCc');
    const t = this.tickets.find((x) => x.id === ticket.id);
    if (!t) throw new Error('no such ticket');
    if (ticket.eTag !== String(t.version)) throw new Error('412');
    t.ccIds = [...ccIds];
    t.version++;
  }

  async createComment(comment: NewComment): Promise<CommentRef> {
    this.calls.push('createComment');
    const existing = this.comments.find((c) => c.mailKey === comment.mailKey);
    if (existing) return { id: existing.id, existed: true };
    const stored = { ...comment, id: this.id() };
    this.comments.push(stored);
    return { id: stored.id };
  }

  /** A ticket as an agent would have it: with its requester (and Cc) as contacts. */
  async seedTicket(mailKey: string, requester: string, cc: string[] = []): Promise<StoredTicket> {
    const r = await this.ensureContact(requester, requester);
    const ccIds = await Promise.all(cc.map(async (a) => (await this.ensureContact(a, a)).id));
    await this.createTicket({
      title: 'Seed',
      body: '',
      requesterId: r.id,
      ccIds,
      mailbox: 'support@contoso.com',
      mailKey,
    });
    this.calls.length = 0;
    return this.tickets.at(-1) as StoredTicket;
  }
}

/** Counts per tenant and sender, once per MailKey, with no window (tests set the limit). */
export class MemorySenderBursts implements SenderBursts {
  readonly seen = new Map<string, string[]>();
  constructor(private readonly limit = 1000) {}

  async record(
    tenant: string,
    sender: string,
    mailKey: string,
  ): Promise<{
    senderId: string;
    allowed: boolean;
  }> {
    const id = `${tenant} ${sender}`;
    const keys = this.seen.get(id) ?? [];
    if (!keys.includes(mailKey) && keys.length < this.limit) keys.push(mailKey);
    this.seen.set(id, keys);
    const at = keys.indexOf(mailKey);
    return { senderId: 'hmac-of-sender', allowed: at >= 0 };
  }
}
