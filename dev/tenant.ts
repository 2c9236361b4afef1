/**
 * `npm run tenant -- export <domain>` prints everything the service keeps about a tenant as JSON;
 * `npm run tenant -- erase <domain>` destroys its key and deletes its logs, staged mail and
 * records, and reports what was removed.
 */
import { loadConfig } from '../lib/config';
import { buildDeps } from '../lib/deps';
import { ensureError } from '../lib/errors';
import { blobContainers, eraseTenant, exportTenant, findTenant } from '../lib/storage/tenantData';
import { withLocalSecrets } from './secrets';
import { loadLocalSettings } from './settings';

const USAGE = 'usage: npm run tenant -- <export|erase> <domain|alias>';

async function main(): Promise<void> {
  const [command, name] = process.argv.slice(2);
  if ((command !== 'export' && command !== 'erase') || !name) throw new Error(USAGE);
  const deps = buildDeps(loadConfig(withLocalSecrets(loadLocalSettings())));
  const domain = (await findTenant(deps.tenants, name))?.domain ?? name.toLowerCase();
  const data = {
    tenants: deps.tenants,
    keys: deps.keys,
    senders: await deps.cosmos.get('senders'),
    ...blobContainers(deps.config.storage),
  };
  const result =
    command === 'export' ? await exportTenant(domain, data) : await eraseTenant(domain, data);
  console.log(JSON.stringify(result, null, 2));
}

main().catch((err: unknown) => {
  console.error(`tenant: ${ensureError(err).message.split('\n')[0]}`);
  process.exit(1);
});
