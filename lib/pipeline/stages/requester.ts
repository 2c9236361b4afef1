import { type Stage, need, proceed } from '../stage';

/** The From address is the requester: found by e-mail (case-insensitive) or created. */
export const requester: Stage = {
  name: 'requester',
  timeoutMs: 30_000,
  async run(ctx) {
    const from = need(ctx, 'mail').from;
    if (!from) return { kind: 'reject', code: 'no-sender' };
    ctx.requester = await need(ctx, 'site').ensureContact(from.address, from.name);
    return proceed;
  },
};
