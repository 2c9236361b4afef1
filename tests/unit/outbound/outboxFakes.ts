/**
 * An in-memory helpdesk site for the outbox run's unit tests (the roles of OutboxSite): items
 * with a MailStatus and an eTag that every write changes, so a claim on a stale eTag is refused
 * as SharePoint refuses it; tickets, contacts and a comment's files. Every call is recorded.
 */
import { MemoryLog } from '../../../lib/log';
import { parseMail } from '../../../lib/mail/parse';
import {
  OUTBOX_DEFAULTS,
  type OutboxConfig,
  type OutboxDeps,
  runOutbox,
} from '../../../lib/outbound/outbox';
import type { Contact, OutboxSite, TicketMail } from '../../../lib/sharepoint/helpdesk';
import type { AttachmentLibrary, LibraryFile } from '../../../lib/sharepoint/libraryTypes';
import type {
  CommentOutboxItem,
  OutboxItem,
  OutboxList,
  OutboxMark,
  TicketOutboxItem,
} from '../../../lib/sharepoint/outbox';
import type { MailStatus } from '../../../lib/sharepoint/schema';
import type { MailTemplate } from '../../../lib/sharepoint/templateTexts';
import type { TenantRecord } from '../../../lib/tenants/store';
import { FakeExchange, TENANT } from '../mailbox/fakes';

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
    status: 'Sent' | 'Failed' | 'Not sent',
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

/** The site, an Exchange answering sendMail with 202 and Sent Items with nothing, and the deps. */
export function outboxWorld(config: Partial<OutboxConfig> = {}) {
  const site = new FakeOutboxSite();
  const log = new MemoryLog();
  const exchange = new FakeExchange((r) => (r.method === 'GET' ? { value: [] } : undefined));
  const now = new Date('2026-12-02T10:00:00Z');
  const deps: OutboxDeps = {
    helpdesks: { openOutbox: async () => site },
    exchange: { forTenant: () => exchange },
    log,
    now: () => now,
    config: { ...OUTBOX_DEFAULTS, ...config },
  };
  return {
    site,
    log,
    exchange,
    now,
    deps,
    run: (opts = { sweep: false }, tenant: TenantRecord = TENANT) => runOutbox(tenant, deps, opts),
    /** The mails posted to sendMail, parsed as a recipient's client would. */
    sent: () =>
      Promise.all(
        exchange.requests
          .filter((r) => r.path.endsWith('/sendMail'))
          .map((r) => parseMail(Buffer.from(String(r.body), 'base64'))),
      ),
  };
}

/** A requester, a Cc contact and ticket 7 from a mail to support@contoso.com. */
export function withTicket(site: FakeOutboxSite, extra: Partial<TicketMail> = {}): void {
  site.contacts.set('1', { id: '1', email: 'ada@customer.example', name: 'Ada' });
  site.contacts.set('2', { id: '2', email: 'bob@customer.example', name: 'Bob' });
  site.tickets.set('7', {
    id: '7',
    title: 'Printer on fire',
    messageId: '<q1@customer.example>',
    mailbox: 'help@contoso.com',
    requesterId: '1',
    ccIds: ['2'],
    ...extra,
  });
}

export const aComment = (
  id: string,
  extra: Partial<CommentOutboxItem> = {},
): CommentOutboxItem => ({
  list: 'comments',
  id,
  eTag: '',
  status: 'To send',
  ticketId: '7',
  body: '<p>We replaced the <b>toner</b>.</p>',
  internal: false,
  ...extra,
});

export const aTicketItem = (
  id: string,
  extra: Partial<TicketOutboxItem> = {},
): TicketOutboxItem => ({
  list: 'tickets',
  id,
  eTag: '',
  status: 'To send',
  title: 'Printer on fire',
  requesterId: '1',
  mailbox: 'help@contoso.com',
  messageId: '<q1@customer.example>',
  ...extra,
});
