/**
 * Seeds the local stack's demo tenant (alias `contoso`, see the README): registers the tenant and
 * its site in the Graph simulator, provisions the helpdesk lists with the same code a real tenant
 * uses, and writes the tenant and licence records to Cosmos. Its support address also gets a
 * mailbox in the simulator, reachable by the app (what an Exchange administrator's RBAC scope
 * gives a real tenant); `npm start` connects it once the host is up. Idempotent: run on every start.
 */
import { loadConfig } from '../lib/config';
import { buildStores } from '../lib/deps';
import { GraphClients } from '../lib/sharepoint/graph';
import { provisionHelpdesk } from '../lib/sharepoint/provision';
import type { TenantRecord } from '../lib/tenants/store';
import { tombstonesIn } from '../lib/tenants/tombstones';

export const DEMO_TENANT: Omit<TenantRecord, 'id' | 'installations'> = {
  domain: 'contoso.sharepoint.com',
  alias: 'contoso',
  entraTenantId: '00000000-0000-4000-8000-00000000c0de',
  siteUrl: 'https://contoso.sharepoint.com/sites/helpdesk',
  supportAddresses: ['support@contoso.com'],
  licence: { plan: 'standard', expiresAt: '2099-12-31', suspended: false },
};

async function adminPut(url: string, what: string, body: object): Promise<void> {
  const res = await fetch(url, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`graph simulator refused ${what}: HTTP ${res.status}`);
}

/** Registers a tenant and its site with the simulator (its admin API; real Entra needs consent). */
export async function registerSimTenant(
  graphBaseUrl: string,
  tenant: Pick<TenantRecord, 'entraTenantId' | 'siteUrl'>,
): Promise<void> {
  const site = new URL(tenant.siteUrl);
  await adminPut(`${graphBaseUrl}/_admin/tenants/${tenant.entraTenantId}`, 'the tenant', {
    hostname: site.hostname,
    sites: [site.pathname],
  });
}

/**
 * Creates a mailbox in the simulator's tenant and grants the app access to it: the stand-in for
 * the Exchange mailbox and the RBAC scope an administrator creates (README, "Mail from a
 * Microsoft 365 mailbox"). Both admin calls are idempotent PUTs.
 */
export async function registerSimMailbox(
  graphBaseUrl: string,
  entraTenantId: string,
  address: string,
): Promise<void> {
  const mailbox = `${graphBaseUrl}/_admin/tenants/${entraTenantId}/mailboxes/${encodeURIComponent(address)}`;
  await adminPut(mailbox, 'the mailbox', { displayName: 'Support' });
  await adminPut(`${mailbox}/grant`, 'the grant', {});
}

/** Seeds one tenant end to end: simulator registration, list provisioning, Cosmos records. */
export async function seedTenant(
  env: Record<string, string | undefined>,
  tenant: Omit<TenantRecord, 'id' | 'installations'>,
): Promise<void> {
  const config = loadConfig(env);
  await registerSimTenant(config.graph.baseUrl, tenant);
  const provisioned = await provisionHelpdesk(
    new GraphClients(config.graph).forTenant(tenant.entraTenantId),
    tenant.siteUrl,
  );
  // What Graph did not set (a column default) must reach whoever seeds: it stops mail going out.
  for (const w of provisioned.warnings) console.warn(`seed: warning: ${w}`);
  const { tenants: store, cosmos } = buildStores(config);
  const existing = await store.get(tenant.domain);
  await store.put({ ...tenant, installations: existing?.installations ?? [] });
  // Seeding creates the tenant on purpose: an earlier erasure's tombstone must not refuse its mail.
  await tombstonesIn(cosmos).lift(tenant.domain);
}

/** The demo tenant's mailbox: its first support address, connected by `npm start`. */
export const DEMO_MAILBOX = DEMO_TENANT.supportAddresses[0] ?? '';

export async function seedDemoTenant(env: Record<string, string | undefined>): Promise<void> {
  await seedTenant(env, DEMO_TENANT);
  const sim = loadConfig(env).graph.baseUrl;
  await registerSimMailbox(sim, DEMO_TENANT.entraTenantId, DEMO_MAILBOX);
  // And Mail.Send (README, "Sending mail from the support mailbox"): the demo answers its mail.
  const mailbox = `${sim}/_admin/tenants/${DEMO_TENANT.entraTenantId}/mailboxes/${encodeURIComponent(DEMO_MAILBOX)}`;
  await adminPut(`${mailbox}/grant?role=send`, 'the send grant', {});
}
