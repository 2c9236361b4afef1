/**
 * The items one outbox run takes (outbox.ts): with `sweep`, those a sender that died left
 * `Sending`, to recover first; then those `To send`, but for comments changed within `settleMs`.
 * The helpdesk form saves a comment (which makes it `To send`) and uploads its files into the
 * comment's folder after: a reply sent at once would go without them.
 */
import type { OutboxItem } from '../sharepoint/outbox';
import type { OutboxContext } from './outboxContext';

export interface OutboxWork {
  work: { item: OutboxItem; recover: boolean }[];
  /** Comments `To send` left for a later run: changed too recently. */
  settling: number;
}

export async function findWork(ctx: OutboxContext, sweep: boolean): Promise<OutboxWork> {
  const { site, config } = ctx;
  const stale = sweep ? await staleItems(ctx) : [];
  const comments = await site.findOutbox('comments', 'To send', config.batch);
  const settled = comments.filter((item) => !settling(ctx, item));
  const fresh: OutboxItem[] = [
    ...settled,
    ...(await site.findOutbox('tickets', 'To send', config.batch)),
  ];
  return {
    work: [
      ...stale.map((item) => ({ item, recover: true })),
      ...fresh.map((item) => ({ item, recover: false })),
    ],
    settling: comments.length - settled.length,
  };
}

/** Items `Sending` for longer than a live sender takes: their sender died between claim and mark. */
async function staleItems(ctx: OutboxContext): Promise<OutboxItem[]> {
  const { site, config } = ctx;
  const before = ctx.now().getTime() - config.staleSendingMs;
  const sending: OutboxItem[] = [
    ...(await site.findOutbox('comments', 'Sending', config.batch)),
    ...(await site.findOutbox('tickets', 'Sending', config.batch)),
  ];
  // Without a modification time the item's age is unknown: it may be a live sender's.
  return sending.filter(
    (item) => item.modifiedAt !== undefined && item.modifiedAt.getTime() <= before,
  );
}

/** Changed within `settleMs`; an item of unknown age is taken as settled, or it never goes. */
function settling(ctx: OutboxContext, item: OutboxItem): boolean {
  const { settleMs } = ctx.config;
  if (settleMs <= 0 || item.modifiedAt === undefined) return false;
  return ctx.now().getTime() - item.modifiedAt.getTime() < settleMs;
}
