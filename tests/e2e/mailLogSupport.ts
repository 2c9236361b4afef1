/**
 * End-to-end helpers for writing the Mail Log (issue 14): what the service logged of writing a
 * mail there, an item's kept original downloaded from the library, and a tenant whose site was
 * provisioned before the Mail Log existed (every other list, no Mail Log).
 */
import { registerSimTenant } from '../../dev/seed';
import { loadConfig } from '../../lib/config';
import { buildStores } from '../../lib/deps';
import { GraphClients } from '../../lib/sharepoint/graph';
import { provisionBeforeMailLog } from '../support/siteBeforeMailLog';
import { download } from './library';
import { tenantLog } from './outcomes';
import { type ListItem, type TestTenant, eventually, newTenant, settings } from './support';

/** The `mail.log` event of a mail (written, missing, bounded, failed), once it is there. */
export function mailLogged(tenant: TestTenant, mailId: unknown): Promise<Record<string, unknown>> {
  return eventually(async () =>
    (await tenantLog(tenant)).find((e) => e.event === 'mail.log' && e.mailId === mailId),
  );
}

/** The item's original, downloaded by the path its Original column names. */
export function originalOf(tenant: TestTenant, item: ListItem): Promise<Buffer> {
  const original = String(item.fields.Original ?? '');
  const at = original.indexOf('/_mail-log/');
  if (at < 0) throw new Error('the item names no original in _mail-log');
  return download(tenant, original.slice(at + 1));
}

/**
 * A licensed tenant whose site has every list but the Mail Log (provisioned before it): a fresh
 * tenant moved to another site of its Entra tenant, with the older lists made there.
 */
export async function tenantWithoutMailLog(): Promise<TestTenant> {
  const fresh = await newTenant();
  const tenant = { ...fresh, siteUrl: fresh.siteUrl.replace(/\/helpdesk$/, '/before-mail-log') };
  const config = loadConfig(settings());
  await registerSimTenant(config.graph.baseUrl, tenant);
  const graph = new GraphClients(config.graph).forTenant(tenant.entraTenantId);
  await provisionBeforeMailLog(graph, tenant.siteUrl);
  await buildStores(config).tenants.put({ ...tenant, installations: [] });
  return tenant;
}
