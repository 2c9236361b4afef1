/**
 * An in-memory helpdesk site for the outbox run's unit tests (the roles of OutboxSite): items
 * with a MailStatus and an eTag that every write changes, so a claim on a stale eTag is refused
 * as SharePoint refuses it; tickets, contacts and a comment's files. Every call is recorded.
 */
import type { Contact, OutboxSite, TicketMail } from '../../../lib/sharepoint/helpdesk';
import type { AttachmentLibrary, LibraryFile } from '../../../lib/sharepoint/libraryTypes';
import type { OutboxItem, OutboxList, OutboxMark } from '../../../lib/sharepoint/outbox';
import type { MailStatus } from '../../../lib/sharepoint/schema';
import type { MailTemplate } from '../../../lib/sharepoint/templateTexts';

export interface Stored {
  item: OutboxItem;
  mark?: OutboxMark;
}

export class FakeOutboxSite implements OutboxSite {
  readonly items = new Map<string, Stored>();
  readonly tickets = new Map<string, TicketMail>();
  readonly contacts = new Map<string, Contact>();
  readonly files = new Map<string, { file: LibraryFile; content: Buffer }[]>();
  readonly calls: string[] = [];
  templates: MailTemplate[] = [];
  /** Runs before each claim: a test makes another writer change the item here. */
  onClaim?: (item: OutboxItem) => void;
  private version = 0;

  add(item: OutboxItem): void {
    this.items.set(`${item.list}/${item.id}`, { item: { ...item, eTag: `"v${++this.version}"` } });
  }

  status(list: OutboxList, id: string): MailStatus | undefined {
    return this.items.get(`${list}/${id}`)?.item.status;
  }

  stored(list: OutboxList, id: string): Stored | undefined {
    return this.items.get(`${list}/${id}`);
  }

  /** As an agent editing the item meanwhile: its eTag changes. */
  touch(list: OutboxList, id: string): void {
    const s = this.items.get(`${list}/${id}`);
    if (s) s.item = { ...s.item, eTag: `"v${++this.version}"` };
  }

  async findOutbox<L extends OutboxList>(list: L, status: MailStatus, top: number) {
    this.calls.push(`find ${list} ${status}`);
    const found = [...this.items.values()]
      .map((s) => s.item)
      .filter((i) => i.list === list && i.status === status);
    return found.slice(0, top).map((i) => ({ ...i })) as Extract<OutboxItem, { list: L }>[];
  }

  async claimOutboxItem<T extends OutboxItem>(item: T, messageId?: string) {
    this.calls.push(`claim ${item.list}/${item.id}`);
    this.onClaim?.(item);
    const s = this.items.get(`${item.list}/${item.id}`);
    if (!s || s.item.eTag !== item.eTag) return undefined;
    s.item = { ...s.item, status: 'Sending', eTag: `"v${++this.version}"` };
    if (messageId) s.item.messageId = messageId;
    return { ...s.item } as T;
  }

  async markOutboxItem(
    item: Pick<OutboxItem, 'id' | 'list'>,
    status: 'Sent' | 'Failed' | 'Not sent' | 'Received',
    mark?: OutboxMark,
  ) {
    this.calls.push(`mark ${item.list}/${item.id} ${status}`);
    this.write(item, status, mark);
  }

  async releaseOutboxItem(item: Pick<OutboxItem, 'id' | 'list'>) {
    this.calls.push(`release ${item.list}/${item.id}`);
    this.write(item, 'To send');
  }

  private write(item: Pick<OutboxItem, 'id' | 'list'>, status: MailStatus, mark?: OutboxMark) {
    const s = this.items.get(`${item.list}/${item.id}`);
    if (!s) throw new Error('no such item');
    s.item = { ...s.item, status, eTag: `"v${++this.version}"` };
    if (mark) s.mark = mark;
  }

  async readTemplates() {
    this.calls.push('read templates');
    return this.templates;
  }

  async readTicketMail(ticketId: string) {
    this.calls.push(`read ticket ${ticketId}`);
    return this.tickets.get(ticketId);
  }

  async readContact(id: string) {
    return this.contacts.get(id);
  }

  readonly library: AttachmentLibrary = {
    hasOriginal: () => Promise.reject(new Error('not used')),
    upload: () => {
      throw new Error('not used');
    },
    updateBody: () => Promise.reject(new Error('not used')),
    listFiles: async ({ ticketId, commentId }) =>
      (this.files.get(`${ticketId}/${commentId ?? ''}`) ?? []).map((f) => f.file),
    readFile: async (file) => {
      const all = [...this.files.values()].flat();
      const found = all.find((f) => f.file.id === file.id);
      if (!found) throw new Error('no such file');
      return found.content;
    },
  };
}
