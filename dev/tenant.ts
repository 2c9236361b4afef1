/**
 * `npm run tenant -- export <domain>` prints everything the service keeps about a tenant as JSON;
 * `npm run tenant -- erase <domain>` destroys its key and deletes its logs, staged mail and
 * records, and reports what was removed; `npm run tenant -- set <domain> remote-images allow`
 * (or `block`, the default) changes a setting (lib/tenants/settings.ts).
 */
import { loadConfig } from '../lib/config';
import { buildDeps } from '../lib/deps';
import { ensureError } from '../lib/errors';
import { eraseTenant, exportTenant } from '../lib/tenants/data';
import { isSetting, setTenantSetting } from '../lib/tenants/settings';
import { findTenant } from '../lib/tenants/store';
import { withLocalSecrets } from './secrets';
import { loadLocalSettings } from './settings';

const USAGE =
  'usage: npm run tenant -- <export|erase> <domain|alias> | set <domain|alias> remote-images <block|allow>';

async function main(): Promise<void> {
  const [command, name, setting, value] = process.argv.slice(2);
  const known = command === 'export' || command === 'erase' || command === 'set';
  if (!known || !name) throw new Error(USAGE);
  const deps = buildDeps(loadConfig(withLocalSecrets(loadLocalSettings())));
  if (command === 'set') {
    if (!setting || !isSetting(setting) || !value) throw new Error(USAGE);
    const record = await setTenantSetting(deps.tenants, name, setting, value);
    if (!record) throw new Error(`no tenant '${name}'`);
    console.log(JSON.stringify({ domain: record.domain, [setting]: value }));
    return;
  }
  const domain = (await findTenant(deps.tenants, name))?.domain ?? name.toLowerCase();
  const data = {
    tenants: deps.tenants,
    keys: deps.keys,
    senders: await deps.cosmos.get('senders'),
    ...deps.blobs,
  };
  const result =
    command === 'export' ? await exportTenant(domain, data) : await eraseTenant(domain, data);
  console.log(JSON.stringify(result, null, 2));
}

main().catch((err: unknown) => {
  console.error(`tenant: ${ensureError(err).message.split('\n')[0]}`);
  process.exit(1);
});
