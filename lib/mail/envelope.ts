/**
 * A cheap look at the header section of a raw mail at the door, before anything is staged:
 * is it a mail at all, and which addresses could name the tenant when the relay gave no
 * envelope recipient. The full parse happens later, in the queue-triggered pipeline.
 */
import { headerProblem, rootHeaderEnd, splitFields } from './headerGuard';
import { mailboxesOf } from './mailboxes';

// 256 KiB of headers: far above any real mail (Exchange caps headers at 256 KB too), and the
// bound keeps this look cheap on a hostile body with no blank line.
export const MAX_HEADER_BYTES = 256 * 1024;

/** One header field: its lower-cased name and its unfolded, trimmed value. */
export interface HeaderField {
  name: string;
  value: string;
}

/** The root's fields in the order the mail has them (top first). */
export type HeaderCheck = { ok: true; fields: HeaderField[] } | { ok: false; reason: string };

const FIELD = /^([!-9;-~]+):([\s\S]*)$/;

export function readHeaderSection(raw: Buffer): HeaderCheck {
  const head = raw.subarray(0, MAX_HEADER_BYTES).toString('latin1');
  const end = rootHeaderEnd(head)?.end;
  if (end === undefined && raw.length > MAX_HEADER_BYTES)
    return { ok: false, reason: 'header section too large' };
  const lines = splitFields(head.slice(0, end));
  // An mbox separator line ("From sender date") may precede the headers.
  if (lines[0]?.startsWith('From ')) lines.shift();
  const problem = headerProblem(lines);
  if (problem) return { ok: false, reason: problem.reason };
  const fields: HeaderField[] = [];
  for (const line of lines) {
    const m = FIELD.exec(line);
    if (!m?.[1]) return { ok: false, reason: 'not a mail: malformed header section' };
    const value = (m[2] ?? '').replace(/[ \t]*\r?\n[ \t]+/g, ' ').trim();
    fields.push({ name: m[1].toLowerCase(), value });
  }
  if (!fields.some((f) => f.name === 'from'))
    return { ok: false, reason: 'not a mail: no From header' };
  return { ok: true, fields };
}

// Each candidate costs a tenant lookup; a header listing thousands of addresses must not cost
// thousands. The relay's own evidence comes first, and a relay that passes `recipient` needs none.
export const MAX_CANDIDATES = 50;

/**
 * Addresses that may name the support mailbox when the relay gave no `recipient`, most trusted
 * first. Only address specs count, read as the parser reads them: `"help@bravo" <support@alpha>`
 * names support@alpha, never the display name.
 *
 * - Delivered-To and X-Original-To above the topmost Received: the receiving MTA adds them on
 *   delivery (RFC 9228; Postfix's local, virtual and pipe delivery) on top of the Received it
 *   wrote when the mail arrived, and every relay on the way prepends its own Received (RFC 5321
 *   §4.4). The same fields further down were in the mail as it arrived, so a sender may have
 *   written them; a mail without any Received is all the sender's as far as we can tell.
 * - To, then Cc: the sender writes them, but they are what a mail addressed to the support address
 *   carries, and a sender who names another helpdesk there could as well have mailed it directly.
 */
export function candidateRecipients(fields: readonly HeaderField[]): string[] {
  const topReceived = fields.findIndex((f) => f.name === 'received');
  const relay = fields
    .slice(0, Math.max(topReceived, 0))
    .filter((f) => f.name === 'delivered-to' || f.name === 'x-original-to');
  const written = ['to', 'cc'].flatMap((name) => fields.filter((f) => f.name === name));
  const found = new Set<string>();
  for (const field of [...relay, ...written]) {
    for (const address of mailboxesOf(field.value)) {
      found.add(address);
      if (found.size >= MAX_CANDIDATES) return [...found];
    }
  }
  return [...found];
}
