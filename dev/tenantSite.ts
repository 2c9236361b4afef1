/**
 * `npm run tenant -- provision <tenant>`: creates the helpdesk lists in the tenant's site, or
 * upgrades a site provisioned before a column or list was added (the outbox columns, Mail
 * Templates, Mail Log), with the same idempotent code `npm start` uses for the demo tenant. Prints
 * what changed, then each warning: a column default Graph did not set must be set by hand in the
 * list's settings (docs/schema.md), or agents' comments are never sent.
 */
import type { Deps } from '../lib/deps';
import { GraphClients } from '../lib/sharepoint/graph';
import { type ProvisionResult, provisionHelpdesk } from '../lib/sharepoint/provision';
import type { TenantRecord } from '../lib/tenants/store';

export function resultLines(domain: string, result: Pick<ProvisionResult, 'created' | 'warnings'>) {
  const changed = result.created.length ? result.created.join(', ') : 'nothing (already complete)';
  return [
    `${domain}: created or upgraded ${changed}`,
    ...result.warnings.map((w) => `warning: ${w}`),
  ];
}

export async function provisionLines(deps: Deps, tenant: TenantRecord): Promise<string[]> {
  const graph = new GraphClients(deps.config.graph).forTenant(tenant.entraTenantId);
  const result = await provisionHelpdesk(graph, tenant.siteUrl);
  // The running hosts keep the site's ids they resolved; they see the new columns once they
  // restart (the outbox also guards against a comment from mail written without its status).
  return resultLines(tenant.domain, result);
}
