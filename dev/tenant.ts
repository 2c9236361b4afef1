/**
 * The operator's tenant commands; a tenant is named by its domain or its alias.
 *   export <tenant>      everything the service keeps about it as JSON, connected mailboxes too;
 *   erase <tenant>       lays its tombstone, destroys its key, disconnects its mailboxes,
 *                        deletes its logs, staged mail and records, and reports what was removed
 *                        (docs/data-protection.md: erasure);
 *   set <tenant> <setting> <value>   a setting: remote-images, spam-filter, spam-score, spam-scl,
 *                        spamassassin-headers (lib/tenants/settings.ts);
 *   show <tenant>        the tenant and its connected mailboxes (expiry, last sync);
 *   provision <tenant>   creates or upgrades the helpdesk lists in its site (idempotent) and
 *                        prints what changed and what Graph did not set (dev/tenantSite.ts);
 *   connect-mailbox | disconnect-mailbox <tenant> <address>   a Microsoft 365 support mailbox
 *                        (dev/tenantMailbox.ts; the README's "Mail from a Microsoft 365 mailbox").
 */
import type { Deps } from '../lib/deps';
import { ensureError } from '../lib/errors';
import { eraseTenant, exportTenant } from '../lib/tenants/data';
import { tenantDataDeps } from '../lib/tenants/dataDeps';
import { SETTING_NAMES, isSetting, setTenantSetting } from '../lib/tenants/settings';
import { type TenantRecord, findTenant } from '../lib/tenants/store';
import {
  CommandFailed,
  connectCommand,
  disconnectCommand,
  operatorDeps,
  showLines,
} from './tenantMailbox';
import { provisionLines } from './tenantSite';

const USAGE = `usage: npm run tenant -- <export|erase|show|provision> <domain|alias> | set <domain|alias> <${SETTING_NAMES}> <value> | <connect-mailbox|disconnect-mailbox> <domain|alias> <address>`;

type Command = (deps: Deps, tenant: TenantRecord, args: string[]) => Promise<string[]>;

/** The commands about a tenant that must exist: an unknown name is one line and exit 1. */
const ON_TENANT: Record<string, Command> = {
  show: (deps, tenant) => showLines(deps, tenant),
  provision: (deps, tenant) => provisionLines(deps, tenant),
  'connect-mailbox': (deps, tenant, [address]) => connectCommand(deps, tenant, address ?? ''),
  'disconnect-mailbox': (deps, tenant, [address]) => disconnectCommand(deps, tenant, address ?? ''),
};
const NEEDS_ADDRESS = new Set(['connect-mailbox', 'disconnect-mailbox']);

async function main(): Promise<void> {
  const [command = '', name, ...args] = process.argv.slice(2);
  const known = ['export', 'erase', 'set'].includes(command) || command in ON_TENANT;
  if (!known || !name || (NEEDS_ADDRESS.has(command) && !args[0])) throw new Error(USAGE);
  const deps = operatorDeps();
  try {
    await run(deps, command, name, args);
  } finally {
    // Connecting and disconnecting log events (ids and counts only); buffered until closed.
    await deps.log.close();
  }
}

async function run(deps: Deps, command: string, name: string, args: string[]): Promise<void> {
  const onTenant = ON_TENANT[command];
  if (onTenant) {
    const tenant = await findTenant(deps.tenants, name);
    if (!tenant) throw new Error(`no tenant '${name}'`);
    console.log((await onTenant(deps, tenant, args)).join('\n'));
    return;
  }
  if (command === 'set') {
    const [setting, value] = args;
    if (!setting || !isSetting(setting) || !value) throw new Error(USAGE);
    const record = await setTenantSetting(deps.tenants, name, setting, value);
    if (!record) throw new Error(`no tenant '${name}'`);
    console.log(JSON.stringify({ domain: record.domain, [setting]: value }));
    return;
  }
  const domain = (await findTenant(deps.tenants, name))?.domain ?? name.toLowerCase();
  const data = await tenantDataDeps(deps);
  const result =
    command === 'export' ? await exportTenant(domain, data) : await eraseTenant(domain, data);
  console.log(JSON.stringify(result, null, 2));
}

main().catch((err: unknown) => {
  // A refused mailbox prints its permission line and the Exchange commands; anything else one line.
  const lines =
    err instanceof CommandFailed ? err.lines : [ensureError(err).message.split('\n')[0]];
  console.error(`tenant: ${lines.join('\n')}`);
  process.exit(1);
});
