/**
 * The recovery runner's world for unit tests: a tenant with two support addresses, an original
 * addressed to the second, and runMailLogActions' deps over a fake Mail Log and a staging that
 * records what it staged (and fails the first `failStage` times, for now).
 */
import { TransientError } from '../../../lib/errors';
import { MemoryLog } from '../../../lib/log';
import type { MailLogDeps } from '../../../lib/mailLog/actions';
import type { HelpdeskSite } from '../../../lib/sharepoint/helpdesk';
import type { MailMessage, StageExtra } from '../../../lib/storage/staging';
import type { TenantRecord } from '../../../lib/tenants/store';
import type { MemoryMailLogBook } from './fakeBook';

export const tenant: TenantRecord = {
  id: 'contoso.sharepoint.com',
  domain: 'contoso.sharepoint.com',
  entraTenantId: 't',
  siteUrl: 'https://contoso.sharepoint.com/sites/helpdesk',
  supportAddresses: ['support@contoso.com', 'billing@contoso.com'],
  licence: { plan: 'standard', expiresAt: '2099-12-31', suspended: false },
  installations: [],
};

export const original = (to = 'Billing <Billing@Contoso.com>') =>
  Buffer.from(
    `From: robot@example.net\r\nTo: ${to}\r\nAuto-Submitted: auto-replied\r\n\r\nAway.\r\n`,
  );

interface Staged {
  tenant: string;
  mailbox: string;
  raw: Buffer;
  extra?: StageExtra;
}

export function aRunner(book: MemoryMailLogBook | undefined, failStage = 0) {
  const staged: Staged[] = [];
  const log = new MemoryLog();
  let failures = failStage;
  const deps: MailLogDeps = {
    helpdesks: { open: async () => ({ mailLogBook: book }) as unknown as HelpdeskSite },
    staging: {
      stage: async (t, mailbox, raw, extra) => {
        if (failures-- > 0) throw new TransientError('graph-unavailable', 'staging down');
        staged.push({ tenant: t, mailbox, raw, ...(extra ? { extra } : {}) });
        return {} as MailMessage;
      },
    },
    log,
    now: () => new Date('2026-03-01T10:00:00Z'),
    staleMakingMs: 15 * 60_000,
    maxBytes: 1024,
  };
  return { deps, staged, log };
}
