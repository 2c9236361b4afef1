/**
 * What kind of mail this is, before it may become a ticket (docs/mail-rules.md): mail from
 * the service's own addresses (loops), abuse reports, bounces and delivery reports, auto-replies,
 * or normal mail. Pure: decides from the parsed mail only; the reason is a short code for logs,
 * never content. The order matters: a bounce often carries Auto-Submitted too (Postfix sets it),
 * so the more specific verdicts come first.
 */
import { autoReplyHeader, exchangeAutoReply, header, outOfOfficeSubject } from './autoReply';
import { type BounceView, strongBounce, weakBounce } from './bounce';

export type MailKind = 'normal' | 'auto-reply' | 'bounce' | 'abuse-report' | 'loop';

export interface Classification {
  kind: MailKind;
  /** A short code (e.g. 'dsn', 'auto-submitted'), safe to log. */
  reason: string;
}

export interface ClassifyContext {
  /** The service's own support addresses (any case). */
  ownAddresses: readonly string[];
}

export type ClassifiableMail = BounceView;

function loop(mail: ClassifiableMail, own: Set<string>): string | undefined {
  if (mail.from && own.has(mail.from.address)) return 'own-address';
  // X-Loop (de facto, RFC 3834 §4.1 mentions it) names the system that already handled the mail.
  const xLoop = header(mail, 'x-loop')?.toLowerCase() ?? '';
  if ([...own].some((address) => xLoop.includes(address))) return 'x-loop';
  return undefined;
}

function abuseReport(mail: ClassifiableMail): string | undefined {
  // ARF, RFC 5965 §2: multipart/report; report-type=feedback-report.
  if (mail.structure.reportType === 'feedback-report') return 'arf';
  if (mail.structure.types.includes('message/feedback-report')) return 'arf';
  if (/"notificationType"\s*:\s*"Complaint"/.test(mail.text ?? '')) return 'ses-complaint';
  // Microsoft's JMRP complaints predate ARF and keep this subject.
  if (/^\s*complaint about message from \S+\s*$/i.test(mail.subject)) return 'jmrp';
  return undefined;
}

export function classify(mail: ClassifiableMail, ctx: ClassifyContext): Classification {
  const own = new Set(ctx.ownAddresses.map((a) => a.trim().toLowerCase()));
  const verdict = (kind: MailKind, reason: string | undefined): Classification | undefined =>
    reason ? { kind, reason } : undefined;
  return (
    verdict('loop', loop(mail, own)) ??
    verdict('abuse-report', abuseReport(mail)) ??
    verdict('bounce', strongBounce(mail)) ??
    // RFC 8098 message disposition notifications (read receipts) answer nothing a ticket needs.
    verdict(
      'auto-reply',
      mail.structure.reportType === 'disposition-notification' ? 'read-receipt' : undefined,
    ) ??
    verdict('bounce', weakBounce(mail)) ??
    verdict('auto-reply', autoReplyHeader(mail)) ??
    verdict('auto-reply', exchangeAutoReply(mail) ? 'exchange-oof' : undefined) ??
    verdict('auto-reply', outOfOfficeSubject(mail.subject) ? 'ooo-subject' : undefined) ??
    // RFC 5321 §4.5.5: the null reverse-path is for notifications, which no one should answer.
    verdict('bounce', mail.returnPath === '' ? 'null-return-path' : undefined) ?? {
      kind: 'normal',
      reason: 'none',
    }
  );
}
