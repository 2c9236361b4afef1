/**
 * What became of one outbox item, and the refusals that end its handling (outboxItem.ts): a
 * permission its mailbox lacks gives it back (`To send`) and holds that mailbox's items needing
 * the permission for the rest of the run, so one mailbox never stops the others'; Sent Items
 * that may not be read leave it unknown whether a stale item went out, so it is `Failed` for an
 * agent to decide; any other permanent refusal marks it `Failed`; anything else leaves it
 * `Sending` for the sweep.
 */
import { type ErrorCode, errorCode, isPermanent } from '../errors';
import type { OutboxItem } from '../sharepoint/outbox';
import { type OutboxContext, deny } from './outboxContext';
import { MailSendAccessError, SentItemsAccessError } from './send';

export type ItemOutcome =
  | 'sent'
  | 'recovered'
  | 'failed'
  | 'not-sent'
  | 'received'
  | 'skipped'
  | 'waiting'
  | 'no-permission'
  | 'held';

export interface ItemResult {
  /** `held`: its mailbox was refused a permission it needs earlier in this run. */
  outcome: ItemOutcome;
  code?: ErrorCode | 'no-recipient';
  /** The permission the mailbox lacks (no-permission), or would need to read Sent Items. */
  permission?: string;
  /** `sent-items-unreadable`: a stale item may or may not have gone out. */
  reason?: string;
}

export async function failClaimed(
  ctx: OutboxContext,
  item: OutboxItem,
  code: ItemResult['code'],
): Promise<ItemResult> {
  if (!(await ctx.site.claimOutboxItem(item))) return { outcome: 'skipped' };
  await ctx.site.markOutboxItem(item, 'Failed');
  return { outcome: 'failed', code };
}

export async function afterClaim(
  ctx: OutboxContext,
  item: OutboxItem,
  mailbox: string,
  err: unknown,
): Promise<ItemResult> {
  if (err instanceof MailSendAccessError) {
    await ctx.site.releaseOutboxItem(item);
    // Said once per mailbox and permission in a run; its other items are only held.
    if (!deny(ctx, mailbox, err.permission)) return { outcome: 'held' };
    return { outcome: 'no-permission', code: err.code, permission: err.permission };
  }
  if (err instanceof SentItemsAccessError) {
    // It may have gone out, or not: an agent decides, not a second mail.
    await ctx.site.markOutboxItem(item, 'Failed');
    const permission = 'Mail.ReadBasic';
    return { outcome: 'failed', code: err.code, permission, reason: 'sent-items-unreadable' };
  }
  if (isPermanent(err)) {
    await ctx.site.markOutboxItem(item, 'Failed');
    return { outcome: 'failed', code: errorCode(err) };
  }
  return { outcome: 'waiting', code: errorCode(err) };
}
