/**
 * Seeds the local stack's demo tenant (alias `contoso`, see the README): registers the tenant and
 * its site in the Graph simulator, provisions the helpdesk lists with the same code a real tenant
 * uses, and writes the tenant and licence records to Cosmos. Idempotent: run on every start.
 */
import { loadConfig } from '../lib/config';
import { buildStores } from '../lib/deps';
import { GraphClients } from '../lib/sharepoint/graph';
import { provisionHelpdesk } from '../lib/sharepoint/provision';
import type { TenantRecord } from '../lib/tenants/store';

export const DEMO_TENANT: Omit<TenantRecord, 'id' | 'installations'> = {
  domain: 'contoso.sharepoint.com',
  alias: 'contoso',
  entraTenantId: '00000000-0000-4000-8000-00000000c0de',
  siteUrl: 'https://contoso.sharepoint.com/sites/helpdesk',
  supportAddresses: ['support@contoso.com'],
  licence: { plan: 'standard', expiresAt: '2099-12-31', suspended: false },
};

/** Registers a tenant and its site with the simulator (its admin API; real Entra needs consent). */
export async function registerSimTenant(
  graphBaseUrl: string,
  tenant: Pick<TenantRecord, 'entraTenantId' | 'siteUrl'>,
): Promise<void> {
  const site = new URL(tenant.siteUrl);
  const res = await fetch(`${graphBaseUrl}/_admin/tenants/${tenant.entraTenantId}`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ hostname: site.hostname, sites: [site.pathname] }),
  });
  if (!res.ok) throw new Error(`graph simulator refused the tenant: HTTP ${res.status}`);
}

/** Seeds one tenant end to end: simulator registration, list provisioning, Cosmos records. */
export async function seedTenant(
  env: Record<string, string | undefined>,
  tenant: Omit<TenantRecord, 'id' | 'installations'>,
): Promise<void> {
  const config = loadConfig(env);
  await registerSimTenant(config.graph.baseUrl, tenant);
  await provisionHelpdesk(
    new GraphClients(config.graph).forTenant(tenant.entraTenantId),
    tenant.siteUrl,
  );
  const store = buildStores(config).tenants;
  const existing = await store.get(tenant.domain);
  await store.put({ ...tenant, installations: existing?.installations ?? [] });
}

export async function seedDemoTenant(env: Record<string, string | undefined>): Promise<void> {
  await seedTenant(env, DEMO_TENANT);
}
