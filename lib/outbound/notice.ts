/**
 * Refusal notices (issue 9): one short mail to the sender of a mail refused for its size at the
 * mailbox door, or held for more than a day because the tenant's licence is not valid. The same
 * rules as an ack decide (ackDecision: never to automatic, list or system mail, own addresses,
 * or a sender answered within the hour, whose window the notice then takes). The Message-ID is
 * derived from the refused message, and Sent Items is asked first, so it goes out once however
 * often the refusal is met. The text is the site's template when the site opens, else ours.
 *
 * A notice never fails the mail it is about: send() answers an outcome for the caller's log
 * line, never throws. `sent` and `already-sent` went out; an AckSkip reason was not meant to;
 * an error code (errorCodes.ts) failed.
 */
import { type ErrorCode, errorCode } from '../errors';
import type { EventLog } from '../log';
import type { Classification } from '../mail/classify';
import { messageIdKey } from '../mail/mailKey';
import type { ExchangeTenants } from '../mailbox/exchange';
import type { HelpdeskDirectory } from '../sharepoint/helpdesk';
import type { TenantRecord } from '../tenants/store';
import { type AckMail, type AckSkip, type SenderAcks, ackDecision, recentlyAckedIn } from './ack';
import { composeMail } from './compose';
import { noticeMessageId } from './messageIds';
import { type SendOutcome, sendOnce } from './sendOnce';
import { siteTemplates } from './templateSet';
import { renderTemplate } from './templates';

export interface RefusedMail {
  tenant: TenantRecord;
  /** The support address that received the mail: the notice comes from it. */
  mailbox: string;
  /** What identifies the refused message for good: the mailbox message id, or the staged mailId. */
  key: string;
  mail: AckMail & { subject?: string; messageId?: string };
  classification: Classification;
}

export type NoticeKind = 'notice-size' | 'notice-held';

export type NoticeOutcome = SendOutcome | AckSkip | ErrorCode;

export interface Notices {
  send(kind: NoticeKind, refused: RefusedMail, values?: { limit?: string }): Promise<string>;
}

export interface NoticeDeps {
  helpdesks: Pick<HelpdeskDirectory, 'openOutbox'>;
  exchange: ExchangeTenants;
  acks: SenderAcks;
  log: EventLog;
  now: () => Date;
}

export function outboundNotices(deps: NoticeDeps): Notices {
  return {
    send: (kind, refused, values = {}) =>
      sendNotice(deps, kind, refused, values).catch((err: unknown) => errorCode(err)),
  };
}

async function sendNotice(
  deps: NoticeDeps,
  kind: NoticeKind,
  refused: RefusedMail,
  values: { limit?: string },
): Promise<NoticeOutcome> {
  const { tenant, mailbox, mail } = refused;
  const messageId = noticeMessageId(kind, tenant.id, refused.key, mailbox);
  // The window is held under the notice's own key: a second attempt at it gets the same answer.
  const windowKey = messageIdKey(messageId) ?? messageId;
  const decision = await ackDecision(
    mail,
    refused.classification,
    tenant.supportAddresses,
    recentlyAckedIn(deps.acks, tenant.id, windowKey, deps.now()),
  );
  if (!decision.send) return decision.reason;
  const to = mail.from;
  if (!to) return 'no-sender';
  // The site's texts when it opens; ours when it does not (a notice must not wait for the site).
  const templates = await siteTemplates(
    () => deps.helpdesks.openOutbox(tenant),
    tenant,
    deps.log,
    () => true,
  );
  const rendered = renderTemplate(
    templates.get(kind),
    { 'mail.subject': mail.subject ?? '', 'requester.name': to.name || to.address, ...values },
    deps.log,
  );
  const composed = await composeMail({
    from: { address: mailbox },
    to: [{ address: to.address, name: to.name }],
    subject: rendered.subject,
    html: rendered.html,
    ...(mail.messageId ? { inReplyTo: mail.messageId, references: [mail.messageId] } : {}),
    autoSubmitted: true,
    messageId,
  });
  return sendOnce(deps.exchange.forTenant(tenant.entraTenantId), mailbox, composed);
}
