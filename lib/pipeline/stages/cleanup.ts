import { type Stage, proceed } from '../stage';

/** The mail is in SharePoint: the staged copy goes (the service keeps no mail content). */
export const cleanup: Stage = {
  name: 'cleanup',
  timeoutMs: 30_000,
  afterWrite: true,
  async run(ctx, deps) {
    await deps.staging.remove(ctx.message);
    return proceed;
  },
};
