/**
 * What a mail says about the ticket it answers (docs/mail-rules.md "Threading"): the keys of
 * the mails it replies to (In-Reply-To, References) and a ticket number `[#id]` in its subject.
 * Pure; the pipeline looks the keys up among stored tickets and comments.
 */
import { messageIdKey } from './mailKey';
import type { ParsedMail } from './types';

// In-Reply-To plus the 9 newest References: a reply names its parent first and its thread's
// root last, and a thread this service stored is found by its recent mails. The bound keeps the
// lookup one Graph query with a filter of about 1 KB, whatever a hostile mail lists.
export const MAX_REFERENCED = 10;

// Outbound subjects carry `[#<id>]` (docs/schema.md "Keys and ids"); ids are SharePoint item ids (Int32).
const TICKET_NUMBER = /\[#(\d{1,10})\]/;

/** The keys of the mails this one answers, the likeliest first, without `own` and repeats. */
export function referencedKeys(
  mail: Pick<ParsedMail, 'inReplyTo' | 'references'>,
  own?: string,
): string[] {
  const ids = [mail.inReplyTo, ...[...mail.references].reverse()];
  const keys: string[] = [];
  for (const id of ids) {
    const key = messageIdKey(id);
    if (key && key !== own && !keys.includes(key)) keys.push(key);
    if (keys.length === MAX_REFERENCED) break;
  }
  return keys;
}

/** The ticket id a subject names as `[#id]` (the first one), if any. */
export function ticketNumber(subject: string): string | undefined {
  const n = Number(TICKET_NUMBER.exec(subject)?.[1]);
  return Number.isInteger(n) && n >= 1 && n <= 2_147_483_647 ? String(n) : undefined;
}
