/**
 * The end of a mailbox mail: the message is marked so an agent in Outlook sees what became of
 * it, and never deleted. Written or duplicate → `Helpdesk/Processed`; dropped, poisoned, too
 * large or purged → category `Helpdesk: <reason>`, then `Helpdesk/Not a ticket` (categories
 * first: once moved, a failure to categorise would leave it unexplained). A move keeps the
 * message's id (immutable ids), so settling twice just moves it again. A message already gone
 * (404) is fine. Folder ids come from the record; a 404 on the move re-resolves them once, in
 * case someone deleted a folder.
 */
import type { SettleOutcome } from '../pipeline/stage';
import { isNotFound } from '../sharepoint/graphCallError';
import type { MailMessage } from '../storage/staging';
import { type OpenMailbox, openMailbox } from './context';
import type { MailboxDeps } from './deps';
import { type FolderIds, ensureFolders } from './folders';
import { messagePath } from './paths';

export type { SettleOutcome };

// A reason is one of our short codes; anything else is not written into someone's mailbox.
const REASON = /^[a-z0-9][a-z0-9-]{0,39}$/;

export function reasonCode(reason: string): string {
  return REASON.test(reason) ? reason : 'other';
}

export function categoryFor(reason: string): string {
  return `Helpdesk: ${reasonCode(reason)}`;
}

/** Marks the mailbox message a staged mail came from; nothing for mail from a relay. */
export async function settleSource(
  message: MailMessage,
  outcome: SettleOutcome,
  deps: MailboxDeps,
): Promise<void> {
  const source = message.source;
  if (!source) return;
  const opened = await openMailbox(deps, message.tenant, source.mailbox);
  const result = opened ? await markMessage(opened, source.messageId, outcome, deps) : 'no-mailbox';
  deps.log.write({
    event: 'mailbox.settle',
    tenant: message.tenant,
    mailId: message.mailId,
    outcome: result,
    code: outcome.kind === 'taken' ? 'taken' : reasonCode(outcome.reason),
  });
}

/** Categorise (not-a-ticket) and move one message; 'gone' when it is no longer there. */
export async function markMessage(
  opened: OpenMailbox,
  messageId: string,
  outcome: SettleOutcome,
  deps: MailboxDeps,
): Promise<'moved' | 'gone'> {
  const { exchange, record } = opened;
  const path = messagePath(record.userId, messageId);
  try {
    if (outcome.kind === 'not-a-ticket') {
      const categories = [categoryFor(outcome.reason)];
      await exchange.patch(path, { categories }, { op: 'categorise message' });
    }
    const pick = (f: FolderIds) => (outcome.kind === 'taken' ? f.processed : f.notATicket);
    const move = (f: FolderIds) =>
      exchange.post(`${path}/move`, { destinationId: pick(f) }, { op: 'move message' });
    try {
      await move(await folderIds(opened, deps, false));
    } catch (err) {
      if (!isNotFound(err)) throw err;
      await move(await folderIds(opened, deps, true));
    }
    return 'moved';
  } catch (err) {
    // The caller logs a failure once (pipeline/settle.ts, run.ts).
    if (isNotFound(err)) return 'gone';
    throw err;
  }
}

async function folderIds(opened: OpenMailbox, deps: MailboxDeps, fresh: boolean) {
  const cached = opened.record.folders;
  if (!fresh && cached?.processed && cached.notATicket) {
    return { processed: cached.processed, notATicket: cached.notATicket };
  }
  const folders = await ensureFolders(opened.exchange, opened.record.userId);
  const updated = await deps.mailboxes.update(opened.record, () => ({ folders }));
  if (updated) opened.record = updated;
  return folders;
}
