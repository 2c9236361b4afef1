/** Building blocks for stage tests: a parsed mail, a context after the earlier stages, deps. */
import type { TenantRecord } from '../../../../lib/tenants/store';
import { MemoryLog } from '../../../../lib/log';
import { classify } from '../../../../lib/mail/classify';
import { messageIdKey } from '../../../../lib/mail/mailKey';
import type { ParsedMail } from '../../../../lib/mail/parse';
import type { MailContext, PipelineDeps } from '../../../../lib/pipeline/stage';
import type { MailStaging } from '../../../../lib/storage/staging';
import { MemoryHelpdesk, MemorySenderBursts } from '../fakes';

export const SUPPORT = 'support@contoso.com';

export const tenant: TenantRecord = {
  id: 'contoso.sharepoint.com',
  domain: 'contoso.sharepoint.com',
  entraTenantId: 't',
  siteUrl: 'https://contoso.sharepoint.com/sites/helpdesk',
  supportAddresses: [SUPPORT],
  licence: { plan: 'standard', expiresAt: '2099-12-31', suspended: false },
  installations: [],
};

export type MailFields = Partial<Omit<ParsedMail, 'headers'>> & {
  headers?: Record<string, string>;
};

export function aMail(fields: MailFields = {}): ParsedMail {
  const { headers = {}, ...rest } = fields;
  return {
    messageId: '<m1@example.com>',
    inReplyTo: undefined,
    references: [],
    subject: 'Printer broken',
    from: { address: 'ann@example.com', name: 'Ann' },
    to: [{ address: SUPPORT, name: 'Support' }],
    cc: [],
    replyTo: [],
    returnPath: 'ann@example.com',
    contentType: 'text/plain',
    date: undefined,
    text: 'It prints blank pages.',
    html: undefined,
    headers: new Map(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), [v]])),
    attachments: [],
    structure: { parts: 1, depth: 1, types: ['text/plain'], reportType: undefined },
    reports: [],
    ...rest,
  };
}

/** The context as the stages before dedupe leave it. */
export function aContext(mail: ParsedMail, site: MemoryHelpdesk): MailContext {
  return {
    message: {
      v: 1,
      mailId: 'm1',
      blob: 'b1',
      tenant: tenant.domain,
      mailbox: SUPPORT,
      receivedAt: '2026-01-01T00:00:00Z',
    },
    raw: Buffer.from('From: ann@example.com\r\n\r\nIt prints blank pages.'),
    mail,
    tenant,
    site,
    mailKey: messageIdKey(mail.messageId) ?? 'raw-key',
    // Different mails have different fingerprints (the burst stage counts by it).
    mailHash: `fingerprint-of-${mail.messageId ?? 'the-mail'}`,
    classification: classify(mail, { ownAddresses: tenant.supportAddresses }),
  };
}

export function aWorld(limit?: number) {
  const site = new MemoryHelpdesk();
  const removed: string[] = [];
  const log = new MemoryLog();
  const staging = {
    remove: async (m: { blob: string }) => void removed.push(m.blob),
  } as unknown as MailStaging;
  const deps: PipelineDeps = {
    staging,
    tenants: {} as PipelineDeps['tenants'],
    helpdesks: { open: async () => site },
    senders: new MemorySenderBursts(limit),
    log,
    now: () => new Date('2026-01-01T00:05:00Z'),
  };
  return { site, deps, removed, log };
}
