import { type Stage, need, proceed } from '../stage';

/**
 * A mail may arrive twice (relay retries, queue redelivery, a host dying after the write): the
 * ticket carrying its MailKey already exists, so there is nothing left to do.
 */
export const dedupe: Stage = {
  name: 'dedupe',
  timeoutMs: 30_000,
  async run(ctx) {
    const existing = await need(ctx, 'site').findTicketByMailKey(need(ctx, 'mailKey'));
    if (!existing) return proceed;
    ctx.ticket = existing;
    return { kind: 'stop', outcome: 'duplicate' };
  },
};
