/**
 * The outbox run's unit-test world: the in-memory site (outboxFakes.ts), an Exchange answering
 * sendMail with 202 and Sent Items with nothing, the run's deps, and items and a ticket to send.
 */
import { MemoryLog } from '../../../lib/log';
import { parseMail } from '../../../lib/mail/parse';
import {
  OUTBOX_DEFAULTS,
  type OutboxConfig,
  type OutboxDeps,
  runOutbox,
} from '../../../lib/outbound/outbox';
import type { TicketMail } from '../../../lib/sharepoint/helpdesk';
import type { CommentOutboxItem, TicketOutboxItem } from '../../../lib/sharepoint/outbox';
import type { TenantRecord } from '../../../lib/tenants/store';
import { FakeExchange, TENANT } from '../mailbox/fakes';
import { FakeOutboxSite } from './outboxFakes';

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
