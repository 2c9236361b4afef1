/**
 * A world for processMail tests: fakes of our own interfaces with only the methods the pipeline
 * calls (helpdesk site, staging, queue, tenants), a staged mail and a settable clock.
 */
import { TransientError } from '../../../lib/errors';
import { MemoryLog } from '../../../lib/log';
import type { PipelineDeps } from '../../../lib/pipeline/stage';
import type { HelpdeskSite, NewTicket } from '../../../lib/sharepoint/helpdesk';
import type { MailMessage } from '../../../lib/storage/staging';
import type { TenantRecord } from '../../../lib/tenants/store';
import { MemoryHelpdesk, MemorySenderBursts } from './fakes';

export const tenant: TenantRecord = {
  id: 'contoso.sharepoint.com',
  domain: 'contoso.sharepoint.com',
  entraTenantId: 't',
  siteUrl: 'https://contoso.sharepoint.com/sites/helpdesk',
  supportAddresses: ['support@contoso.com'],
  licence: { plan: 'standard', expiresAt: '2099-12-31', suspended: false },
  installations: [],
};
/** The queue message of the staged mail `b1` (RAW unless a test stages other bytes). */
export const MESSAGE: MailMessage = {
  v: 1,
  mailId: 'm1',
  blob: 'b1',
  tenant: tenant.domain,
  mailbox: 'support@contoso.com',
  receivedAt: '2026-01-01T00:00:00Z',
};
export const RAW = Buffer.from(
  'From: Ann <ann@example.com>\r\nSubject: Printer\r\nMessage-ID: <p1@x>\r\n\r\nIt is broken.',
);

export function world(raw: Buffer | null = RAW) {
  const tickets: Array<NewTicket & { id: string }> = [];
  const blobs = new Map<string, Buffer>(raw ? [['b1', raw]] : []);
  const poisoned: string[] = [];
  const held: Array<{ held: number; delay: number }> = [];
  let failCreate = 0;
  const memory = new MemoryHelpdesk();
  const site: HelpdeskSite = {
    library: memory.library,
    findContact: (email) => memory.findContact(email),
    readContactEmail: (id) => memory.readContactEmail(id),
    findCommentsByMailKeys: (keys) => memory.findCommentsByMailKeys(keys),
    readTicket: (id) => memory.readTicket(id),
    setTicketCc: (t, ids) => memory.setTicketCc(t, ids),
    createComment: (c) => memory.createComment(c),
    findTicketsByMailKeys: async (keys) =>
      tickets
        .filter((t) => keys.includes(t.mailKey))
        .map((t) => ({ mailKey: t.mailKey, ticketId: t.id })),
    createTicket: async (t) => {
      if (failCreate-- > 0) throw new TransientError('graph-throttled', 'throttled');
      // The unique MailKey column: a second delivery gets the first one's ticket.
      const taken = tickets.find((x) => x.mailKey === t.mailKey);
      if (taken) return { id: taken.id, existed: true };
      const ticket = { ...t, id: String(tickets.length + 1) };
      tickets.push(ticket);
      return ticket;
    },
    ensureContact: async (email, name) => ({ id: '7', email, name }),
  };
  const log = new MemoryLog();
  const clock = { now: new Date('2026-01-01T00:05:00Z') };
  const deps: PipelineDeps = {
    staging: {
      read: async (m) => blobs.get(m.blob),
      remove: async (m) => void blobs.delete(m.blob),
    },
    queue: {
      poison: async (_m, code) => void poisoned.push(code),
      hold: async (m, delay) => void held.push({ held: m.held ?? 0, delay }),
    },
    tenants: { get: async (d) => (d === tenant.domain ? tenant : undefined) },
    helpdesks: { open: async () => site },
    senders: new MemorySenderBursts(),
    log,
    now: () => clock.now,
  };
  return {
    deps,
    tickets,
    blobs,
    poisoned,
    held,
    log,
    clock,
    failNextCreates: (n: number) => (failCreate = n),
  };
}
