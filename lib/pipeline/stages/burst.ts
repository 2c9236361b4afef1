import { type Stage, need, proceed } from '../stage';
import { drop } from './drop';

/**
 * More mails than the limit from one sender to one tenant within the window (an alert storm, a
 * mail loop no header reveals) are dropped with a logged reason. The count lives in Cosmos, so
 * every host instance sees it; the sender is counted and logged only as an HMAC. Each mail is
 * counted once by its fingerprint (mail/mailKey.ts), not its MailKey: a mail delivered again,
 * which may reach this stage now that a plain mail's duplicate is found only by the ticket write
 * (dedupe.ts), is the same mail and gets the same answer; mails that reuse one Message-ID are
 * different mails and each counts.
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
      need(ctx, 'mailHash'),
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
