import { type Stage, need, proceed } from '../stage';
import { drop } from './drop';

/**
 * More mails than the limit from one sender to one tenant within the window (an alert storm, a
 * mail loop no header reveals) are dropped with a logged reason. The count lives in Cosmos, so
 * every host instance sees it; the sender is counted and logged only as an HMAC. Runs after
 * dedupe: a mail delivered again is neither a new mail nor counted twice.
 */
export const burst: Stage = {
  name: 'burst',
  timeoutMs: 30_000,
  async run(ctx, deps) {
    const from = need(ctx, 'mail').from;
    if (!from) return { kind: 'reject', code: 'no-sender' };
    const now = deps.now?.() ?? new Date();
    const count = await deps.senders.record(
      ctx.message.tenant,
      from.address,
      need(ctx, 'mailKey'),
      now,
    );
    if (count.allowed) return proceed;
    deps.log.write({
      event: 'mail.sender-burst',
      level: 'warn',
      tenant: ctx.message.tenant,
      mailId: ctx.message.mailId,
      sender: count.senderId,
    });
    return drop(ctx, deps, 'dropped-sender-burst', 'over-limit');
  },
};
