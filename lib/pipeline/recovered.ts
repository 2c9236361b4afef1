/**
 * The end of a mail an agent recovered from the Mail Log (`message.recovery`, lib/mailLog): its
 * item is set `Done` with the ticket the mail is on, or `Failed` with a short code when the mail
 * was refused for good (its last delivery failed, or a stage still dropped it). Exactly once: the
 * ticket is found by the mail's MailKey, so a redelivery or a second staging of the same mail
 * (duplicate, already-processed) ends `Done` with the same ticket; the item is changed only while
 * it is `Making` (or `Failed`, to `Done`) and only as read (its eTag). A mail still on its way (a retry, held) marks
 * nothing. A failure here is logged and swallowed, as in settle.ts: the item stays `Making` and
 * the recovery's sweep stages the mail again later, which ends here once more.
 * Graph requests: 3 (the item, the ticket by MailKey, the mark); 4 when the mail is a comment.
 */
import { errorCode } from '../errors';
import type { ActionChange, MailLogBook, MailLogItem } from '../mailLog/book';
import { reusedKey } from '../mail/mailKey';
import type { StoredMail, ThreadFinder } from '../sharepoint/helpdesk';
import type { MailMessage } from '../storage/staging';
import { sameMail } from './claim';
import { keptForMailLog } from './mailLog';
import { type MailIdentity, mailIdentity } from './mailLogEntry';
import type { PipelineResult } from './runner';
import { settleOutcome } from './settle';
import type { PipelineDeps } from './stage';

// Marking again after a refused If-Match: another delivery marked it, or an agent edited it.
const MARK_TRIES = 2;

/**
 * The ticket the mail was written to (a ticket of its own, or the one its comment is on), found
 * by the mail's own keys as dedupe.ts finds it: the item's MailKey may be a reused one
 * (sharepoint/mailLog.ts), and the ticket's too. Without the bytes, by the item's MailKey.
 */
async function ticketOf(
  site: ThreadFinder,
  itemKey: string,
  own: MailIdentity | undefined,
): Promise<string | undefined> {
  const reused = own && reusedKey(own.mailKey, own.fingerprint);
  const keys = own && reused ? [own.mailKey, reused] : [itemKey];
  const pick = (found: StoredMail[]) =>
    own
      ? (found.find((m) => m.mailKey === reused) ??
        found.find((m) => m.mailKey === own.mailKey && sameMail(m, own.fingerprint)))
      : found[0];
  const ticket = pick(await site.findTicketsByMailKeys(keys));
  if (ticket) return ticket.ticketId;
  return pick(await site.findCommentsByMailKeys(keys))?.ticketId;
}

/** What the item becomes; undefined while the mail is still on its way. */
async function changeFor(
  result: PipelineResult,
  lastDelivery: boolean,
  site: ThreadFinder,
  entry: MailLogItem,
  own: MailIdentity | undefined,
): Promise<ActionChange | undefined> {
  const ending = settleOutcome(result, lastDelivery);
  if (!ending) return undefined;
  if (ending.kind === 'not-a-ticket') return { action: 'Failed', note: ending.reason };
  const ticketId = entry.mailKey && (await ticketOf(site, entry.mailKey, own));
  // Written, but under another key (a different mail held its Message-ID): Done, unlinked.
  return ticketId ? { action: 'Done', ticketId } : { action: 'Done' };
}

async function mark(
  book: MailLogBook,
  itemId: string,
  decide: (entry: MailLogItem) => Promise<ActionChange | undefined>,
): Promise<string> {
  for (let i = 0; i < MARK_TRIES; i++) {
    const entry = await book.readEntry(itemId);
    if (!entry) return 'item-gone';
    // Failed may still become Done: a mail poisoned on its recovery, replayed by an operator.
    if (entry.action !== 'Making' && entry.action !== 'Failed') return 'already-marked';
    const change = await decide(entry);
    if (!change) return 'on-its-way';
    if (entry.action === 'Failed' && change.action === 'Failed') return 'already-marked';
    if (await book.setAction(entry, change)) return change.action === 'Done' ? 'done' : 'failed';
  }
  return 'changed-meanwhile';
}

export async function markRecovered(
  message: MailMessage,
  result: PipelineResult,
  deps: PipelineDeps,
  lastDelivery: boolean,
  /** The staged bytes the load stage read, when it did: the mail's own keys come from them. */
  raw?: Buffer,
): Promise<void> {
  const { recovery } = message;
  if (!recovery || !settleOutcome(result, lastDelivery)) return;
  const line = { event: 'maillog.recovered', tenant: message.tenant, item: recovery.itemId };
  try {
    // Still dropped (its licence hold ran out): the drop left the staged copy to the Mail Log
    // (stages/drop.ts), which does not write a recovered mail again. It goes here.
    if (!result.failure && keptForMailLog(result.outcome)) await deps.staging.remove(message);
    const tenant = await deps.tenants.get(message.tenant);
    const site = tenant && (await deps.helpdesks.open(tenant));
    const book = site && site.mailLogBook;
    if (!site || !book) {
      deps.log.write({ ...line, level: 'warn', outcome: 'failed', code: 'mail-log-missing' });
      return;
    }
    const own = raw && (await mailIdentity(raw));
    const outcome = await mark(book, recovery.itemId, (entry) =>
      changeFor(result, lastDelivery, site, entry, own),
    );
    deps.log.write({ ...line, outcome });
  } catch (err) {
    deps.log.write({ ...line, level: 'warn', outcome: 'failed', code: errorCode(err) });
  }
}
