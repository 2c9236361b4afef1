/**
 * The recipients a bounce reports as failed, so the helpdesk can tell which contact's address is
 * dead. In order of trust: the DSN's per-recipient fields (RFC 3464 §2.3: Final-Recipient with an
 * Action other than delivered/relayed/expanded), Exim's X-Failed-Recipients, Amazon SES's JSON,
 * and last the addresses a non-RFC bounce names in its own explanation (above the copy of the
 * original message), minus the bounce's own sender and recipients.
 */
import { header } from './autoReply';
import type { BounceView } from './bounce';
import { ownText } from './bounce';
import { DAEMON_LOCAL, SUPPORT_LOCAL } from './bounceWords';
import type { ParsedMail } from './types';

export type RecipientView = BounceView & Pick<ParsedMail, 'to'>;

const ADDRESS = /[a-z0-9.!#$%&'*+/=?^_`{|}~-]+@(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}/gi;
const NOT_FAILED = /^(delivered|relayed|expanded)$/i;
// Where a bounce's copy of the original message (or its headers) begins.
const ORIGINAL_MARK =
  /^(?:-+ ?(?:below this line is a copy|this is a copy|original message|the original message|returned message|undelivered message|message headers? follow)|--- original message follows|\s*(?:return-path|received|message-id):)/im;

function clean(address: string): string {
  return (
    address
      .trim()
      .replace(/^[<'"]+|[>'"]+$/g, '')
      .replace(/[.;:,]+$/, '')
      // Exchange writes `smtp=user@host`, DSNs `rfc822;user@host`.
      .replace(/^(?:smtp|rfc822)\s*[:=;]\s*/i, '')
      .toLowerCase()
  );
}

/** RFC 3464 §2.3 per-recipient blocks, each separated by a blank line. */
export function dsnRecipients(report: string): string[] {
  const out: string[] = [];
  for (const block of report.replace(/\r\n/g, '\n').split(/\n\s*\n/)) {
    const unfolded = block.replace(/\n[ \t]+/g, ' ');
    const final = /^(?:final|original)-recipient\s*:\s*(?:[^;\n]*;)?\s*(.+)$/im.exec(unfolded)?.[1];
    const action = /^action\s*:\s*(\S+)/im.exec(unfolded)?.[1];
    if (final && !(action && NOT_FAILED.test(action))) out.push(clean(final));
  }
  return out;
}

function textRecipients(mail: RecipientView): string[] {
  const text = ownText(mail.text);
  const mark = ORIGINAL_MARK.exec(text);
  const region = mark ? text.slice(0, mark.index) : text;
  const own = new Set([mail.from?.address, ...mail.to.map((a) => a.address)].filter(Boolean));
  return (region.match(ADDRESS) ?? [])
    .map(clean)
    .filter((a) => !own.has(a))
    .filter((a) => {
      const local = a.split('@')[0] ?? '';
      return !DAEMON_LOCAL.test(local) && !SUPPORT_LOCAL.test(local);
    });
}

export function bouncedRecipients(mail: RecipientView): string[] {
  const found: string[] = [];
  for (const report of mail.reports) {
    if (/delivery-status$/.test(report.contentType)) found.push(...dsnRecipients(report.text));
  }
  if (!found.length && /^\s*final-recipient\s*:/im.test(mail.text ?? '')) {
    found.push(...dsnRecipients(mail.text ?? ''));
  }
  const failed = header(mail, 'x-failed-recipients');
  if (failed) found.push(...(failed.match(ADDRESS) ?? []).map(clean));
  for (const m of (mail.text ?? '').matchAll(/"emailAddress"\s*:\s*"([^"]+)"/g)) {
    if (m[1]) found.push(clean(m[1]));
  }
  if (!found.length) found.push(...textRecipients(mail));
  return [...new Set(found.filter((a) => a.includes('@')))];
}
