/**
 * One Mail Log item an agent set to `Make ticket` (or one left `Making` too long): taken by its
 * eTag, so of two runners one stages it; its kept original read back and staged for the
 * pipeline with the item's id (`recovery`), which makes it a ticket and marks the item Done
 * (pipeline/recovered.ts). What can never work (no original, an original refused) marks the
 * item `Failed` with a short code; what may work later gives the item back to `Make ticket`.
 */
import { type ErrorCode, errorCode, isPermanent } from '../errors';
import type { MailStaging } from '../storage/staging';
import type { TenantRecord } from '../tenants/store';
import type { MailLogBook, MailLogItem } from './book';
import { recoveryMailbox } from './mailbox';

export type EntryResult =
  | { outcome: 'staged' }
  /** Taken by another runner, or changed by an agent since it was read: not ours. */
  | { outcome: 'skipped' }
  | { outcome: 'failed'; code: string }
  /** Failed for now (Graph or staging unavailable): back to `Make ticket` for the next tick. */
  | { outcome: 'waiting'; code: ErrorCode };

export interface EntryDeps {
  staging: Pick<MailStaging, 'stage'>;
  /** The largest original read back: MAIL_MAX_BYTES, as no larger mail was ever taken in. */
  maxBytes: number;
}

/** Whether an item found by the run is for it: asked for, or left `Making` past `staleMs`. */
export function isDue(entry: MailLogItem, now: Date, staleMs: number): boolean {
  if (entry.action === 'Make ticket') return true;
  if (entry.action !== 'Making') return false;
  // No time read: as good as stale; staging twice is safe (the ticket's MailKey is unique).
  return !entry.modifiedAt || now.getTime() - entry.modifiedAt.getTime() >= staleMs;
}

export async function recoverEntry(
  tenant: TenantRecord,
  book: MailLogBook,
  entry: MailLogItem,
  deps: EntryDeps,
): Promise<EntryResult> {
  // `Making` again for a stale item too: its new eTag and time keep a second runner off it.
  const claimed = await book.setAction(entry, { action: 'Making' });
  if (!claimed) return { outcome: 'skipped' };
  try {
    const raw = entry.original && (await book.readOriginal(entry.original, deps.maxBytes));
    if (!raw) return await failed(book, claimed, 'original-missing');
    const mailbox = recoveryMailbox(raw, tenant);
    if (!mailbox) return await failed(book, claimed, 'no-support-address');
    await deps.staging.stage(tenant.id, mailbox, raw, { recovery: { itemId: entry.id } });
    return { outcome: 'staged' };
  } catch (err) {
    if (isPermanent(err)) return failed(book, claimed, errorCode(err));
    // If even this fails, the item stays `Making` and a sweep tick takes it again later.
    await book.setAction(claimed, { action: 'Make ticket' }).catch(() => undefined);
    return { outcome: 'waiting', code: errorCode(err) };
  }
}

async function failed(book: MailLogBook, entry: MailLogItem, code: string): Promise<EntryResult> {
  await book.setAction(entry, { action: 'Failed', note: code });
  return { outcome: 'failed', code };
}
