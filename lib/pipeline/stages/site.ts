import { type Stage, need, proceed } from '../stage';

/** Opens the tenant's helpdesk site (site and list ids are cached per tenant by the directory). */
export const site: Stage = {
  name: 'site',
  timeoutMs: 30_000,
  async run(ctx, deps) {
    const { entraTenantId, siteUrl } = need(ctx, 'tenant');
    ctx.site = await deps.helpdesks.open({ entraTenantId, siteUrl });
    return proceed;
  },
};
