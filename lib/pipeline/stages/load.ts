import { type Stage, proceed } from '../stage';

/** Reads the staged mail. A missing blob means an earlier delivery finished the mail. */
export const load: Stage = {
  name: 'load',
  timeoutMs: 30_000,
  async run(ctx, deps) {
    const raw = await deps.staging.read(ctx.message);
    if (!raw) return { kind: 'stop', outcome: 'already-processed' };
    ctx.raw = raw;
    return proceed;
  },
};
