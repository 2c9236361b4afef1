/**
 * Bounce and delivery-report evidence. A delivery status notification (RFC 3464, in a
 * multipart/report, RFC 6522) or a mailer-daemon sender decides alone. The many non-RFC bounce
 * formats (qmail, Exim, old Exchange, Yahoo, Lotus, GroupWise, ...) are recognised by what they
 * say (wording, subject) together with who says it (a system sender, a null or daemon return
 * path, an Auto-Submitted header). A person who forwards or pastes a bounce to the helpdesk asking
 * for help says the same words from a person's address: that stays a ticket. Wording counts only
 * in the mail's own text, not in quoted or forwarded parts.
 */
import { header } from './autoReply';
import {
  BOUNCE_SUBJECT,
  BOUNCE_WORDING,
  DAEMON_LOCAL,
  DAEMON_NAME,
  SUPPORT_LOCAL,
} from './bounceWords';
import type { ParsedMail } from './types';

export type BounceView = Pick<
  ParsedMail,
  'from' | 'subject' | 'headers' | 'returnPath' | 'structure' | 'reports' | 'text'
>;

const DSN_PARTS = new Set(['message/delivery-status', 'message/global-delivery-status']);
// A forwarded or replied subject is a person talking about a bounce, not the bounce.
const PERSON_PREFIX = /^\s*(re|fwd?|aw|wg|tr|rv|sv|vs|antw|doorst|rif|i)\s*[:：]/i;
// Where a mail's own text ends and a forwarded or quoted one begins.
const FORWARD_MARK =
  /^(?:>|-{3,}\s*(?:original message|forwarded message|urspr[üu]ngliche nachricht)|begin forwarded message:|-+ ?weitergeleitete nachricht)/im;
// Bounce text states its point at the top; 8 KiB holds any MTA's explanation.
const OWN_TEXT_BYTES = 8 * 1024;

function localPart(address: string | undefined): string {
  return (address ?? '').split('@')[0] ?? '';
}

/** The mail's own text: up to the first quoted or forwarded block. */
export function ownText(text: string | undefined): string {
  const head = (text ?? '').slice(0, OWN_TEXT_BYTES);
  const mark = FORWARD_MARK.exec(head);
  return mark ? head.slice(0, mark.index) : head;
}

/** Evidence that decides alone. */
export function strongBounce(mail: BounceView): string | undefined {
  if (mail.structure.reportType === 'delivery-status') return 'dsn';
  if (mail.structure.types.some((t) => DSN_PARTS.has(t))) return 'dsn';
  if (DAEMON_LOCAL.test(localPart(mail.from?.address))) return 'mailer-daemon';
  if (header(mail, 'x-failed-recipients')) return 'x-failed-recipients';
  if (/"notificationType"\s*:\s*"(Bounce|Delivery)"/.test(mail.text ?? ''))
    return 'ses-notification';
  return undefined;
}

/** Who says it: a sign that a machine, not a person, sent the mail. */
function automatedSender(mail: BounceView): string | undefined {
  const sender = mail.from?.address;
  if (!sender || SUPPORT_LOCAL.test(localPart(sender)) || DAEMON_NAME.test(mail.from?.name ?? '')) {
    return 'system-sender';
  }
  if (mail.returnPath === '') return 'null-path';
  if (DAEMON_LOCAL.test(localPart(mail.returnPath))) return 'daemon-path';
  if (/^auto-/i.test(header(mail, 'auto-submitted') ?? '')) return 'auto-submitted';
  if (/^(bulk|junk)\b/i.test(header(mail, 'precedence') ?? '')) return 'precedence';
  return undefined;
}

/** What a bounce says (subject or wording) and who says it: one of each decides. */
export function weakBounce(mail: BounceView): string | undefined {
  const what = BOUNCE_SUBJECT.test(mail.subject)
    ? 'subject'
    : BOUNCE_WORDING.test(ownText(mail.text))
      ? 'wording'
      : undefined;
  const who = what && automatedSender(mail);
  // "Re:"/"Fwd:" is a person talking about a bounce, unless a system sender says it (MMS
  // gateways answer "Re: <subject>").
  if (!who || (PERSON_PREFIX.test(mail.subject) && who !== 'system-sender')) return undefined;
  return `${what}-${who}`;
}
