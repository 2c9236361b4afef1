import { type Stage, need, proceed } from '../stage';

/**
 * The From address is the requester (or, on a reply, the comment's sender): found by e-mail
 * (case-insensitive) or created. An auto-reply or bounce creates no contact: a mailer daemon or
 * an out-of-office robot is nobody agents answer.
 */
export const requester: Stage = {
  name: 'requester',
  timeoutMs: 30_000,
  async run(ctx) {
    if (ctx.requester) return proceed; // threading already found the sender
    const from = need(ctx, 'mail').from;
    if (!from) return { kind: 'reject', code: 'no-sender' };
    const site = need(ctx, 'site');
    if (need(ctx, 'classification').kind !== 'normal') {
      const known = await site.findContact(from.address);
      if (known) ctx.requester = known;
      return proceed;
    }
    ctx.requester = await site.ensureContact(from.address, from.name);
    return proceed;
  },
};
