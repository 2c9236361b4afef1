import type { TenantRecord } from '../../tenants/store';
import type { HelpdeskSite } from '../../sharepoint/helpdesk';
import { type Stage, go } from '../stage';

/** Opens the tenant's helpdesk site (site and list ids are cached per tenant by the directory). */
export const site: Stage<TenantRecord, HelpdeskSite> = {
  name: 'site',
  timeoutMs: 30_000,
  async run({ entraTenantId, siteUrl }, deps) {
    return go(await deps.helpdesks.open({ entraTenantId, siteUrl }));
  },
};
