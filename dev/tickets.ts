/**
 * `npm run tickets [-- <alias|domain>]`: the tickets of a local tenant (the demo tenant by
 * default), read through the Graph simulator with the real SDK, as an agent's SharePoint shows them.
 */
import { loadConfig } from '../lib/config';
import { buildDeps } from '../lib/deps';
import { ensureError } from '../lib/errors';
import { GraphClients } from '../lib/sharepoint/graph';
import { resolveSiteId } from '../lib/sharepoint/provision';
import { findTenant } from '../lib/tenants/store';
import { withLocalSecrets } from './secrets';
import { loadLocalSettings } from './settings';

interface Item {
  id: string;
  createdDateTime: string;
  fields: Record<string, unknown>;
}

async function main(): Promise<void> {
  const deps = buildDeps(loadConfig(withLocalSecrets(loadLocalSettings())));
  const name = process.argv[2] ?? 'contoso';
  const tenant = await findTenant(deps.tenants, name);
  if (!tenant) throw new Error(`no tenant '${name}'`);
  const graph = new GraphClients(deps.config.graph).forTenant(tenant.entraTenantId);
  const siteId = await resolveSiteId(graph, tenant.siteUrl);
  const read = (list: string) =>
    graph.get<{ value: Item[] }>(`/sites/${siteId}/lists/${list}/items`, {
      op: 'read list',
      query: { $expand: 'fields', $top: '999' },
    });
  const [tickets, contacts] = await Promise.all([read('Tickets'), read('Contacts')]);
  const emailOf = new Map(contacts.value.map((c) => [c.id, String(c.fields.Email)]));
  console.log(`${tickets.value.length} ticket(s) in ${tenant.siteUrl}`);
  for (const t of tickets.value) {
    const requester = emailOf.get(String(t.fields.RequesterLookupId)) ?? '?';
    console.log(
      `#${t.id}  ${String(t.fields.Status).padEnd(11)} ${t.createdDateTime}  ${requester}  ${String(t.fields.Title)}`,
    );
  }
}

main().catch((err: unknown) => {
  console.error(`tickets: ${ensureError(err).message.split('\n')[0]}`);
  process.exit(1);
});
