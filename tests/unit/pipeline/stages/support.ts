/** Building blocks for stage tests: a parsed mail, a mail the filters admitted, deps, flows. */
import { MemoryLog } from '../../../../lib/log';
import { classify } from '../../../../lib/mail/classify';
import { messageIdKey } from '../../../../lib/mail/mailKey';
import type { ParsedMail } from '../../../../lib/mail/parse';
import { ticketDraft } from '../../../../lib/mail/ticketDraft';
import type { Admitted } from '../../../../lib/pipeline/admit';
import type { MailIdentity } from '../../../../lib/pipeline/claim';
import { routeMail } from '../../../../lib/pipeline/processMail';
import type { Route, TicketRoute } from '../../../../lib/pipeline/route';
import type { Run } from '../../../../lib/pipeline/runner';
import type { PipelineDeps } from '../../../../lib/pipeline/stage';
import type { AuthoredMail } from '../../../../lib/pipeline/stages/parse';
import { writeComment, writeTicket } from '../../../../lib/pipeline/write';
import type { TenantRecord } from '../../../../lib/tenants/store';
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

export function aMail(fields: MailFields = {}): AuthoredMail {
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
  } as AuthoredMail;
}

/** The mail as the filters before dedupe admit it. */
export function anAdmitted(mail: AuthoredMail, site: MemoryHelpdesk): Admitted {
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
    classification: classify(mail, { ownAddresses: tenant.supportAddresses }),
  };
}

/** Different mails have different fingerprints (the burst stage counts by it). */
export const identityOf = (admitted: Admitted): MailIdentity => ({
  mailKey: admitted.mailKey,
  mailHash: `fingerprint-of-${admitted.mail.messageId ?? 'the-mail'}`,
});

/** The route of a mail that threads nowhere. */
export function aTicketRoute(admitted: Admitted, identity = identityOf(admitted)): TicketRoute {
  const draft = ticketDraft(admitted.mail, { reply: false });
  return { kind: 'ticket', identity, draft };
}

/** Routes the mail and writes what the route says (processMail without files and cleanup). */
export async function routeAndWrite(run: Run, admitted: Admitted): Promise<string> {
  const route: Route = await routeMail(run, admitted);
  switch (route.kind) {
    case 'resume':
      return 'resume';
    case 'ticket':
      return (await writeTicket(run, admitted, route)).outcome;
    case 'comment':
      return (await writeComment(run, admitted, route)).outcome;
  }
}

export function aWorld(limit?: number) {
  const site = new MemoryHelpdesk();
  const removed: string[] = [];
  const log = new MemoryLog();
  const unused = () => Promise.reject(new Error('unused'));
  const deps: PipelineDeps = {
    staging: { read: unused, remove: async (m) => void removed.push(m.blob) },
    queue: { hold: unused, poison: unused },
    tenants: { get: unused },
    helpdesks: { open: async () => site },
    senders: new MemorySenderBursts(limit),
    log,
    now: () => new Date('2026-01-01T00:05:00Z'),
  };
  return { site, deps, removed, log };
}
