/**
 * The operator's licence commands (`npm run license -- ...`): add, set, show, remove, list.
 * Bad input answers with one line and a non-zero exit; nothing is half-written.
 */
import { licenceStatus } from './status';
import { erasureLine } from '../tenants/licenceEnd';
import type { TenantRecord, TenantStore } from '../tenants/store';
import type { Tombstones } from '../tenants/tombstones';

export interface AdminDeps {
  tenants: TenantStore;
  /** `add` creates a tenant on purpose: an erasure's tombstone of the domain is lifted. */
  tombstones?: Pick<Tombstones, 'lift'>;
  countStaged(domain: string): Promise<number>;
  now: () => Date;
  out: (line: string) => void;
}

export class UsageError extends Error {}

export const USAGE =
  'usage: npm run license -- <add|set|show|remove|list> <domain> [--plan P] [--expires YYYY-MM-DD] [--suspend|--resume] ' +
  '[--tenant-id GUID] [--site URL] [--address support@...]';

interface Options {
  plan?: string;
  expires?: string;
  suspended?: boolean;
  tenantId?: string;
  site?: string;
  addresses: string[];
}

const DOMAIN = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.sharepoint\.com$/;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function isDay(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const day = new Date(`${value}T00:00:00Z`);
  // Month 13 is an invalid Date; 2021-02-30 is a valid one that rolls over to March.
  return !Number.isNaN(day.getTime()) && day.toISOString().startsWith(value);
}

function parseOptions(args: string[]): Options {
  const options: Options = { addresses: [] };
  for (let i = 0; i < args.length; i++) {
    const flag = args[i];
    const value = (): string => {
      const v = args[++i];
      if (v === undefined || v.startsWith('--')) throw new UsageError(`${flag} needs a value`);
      return v;
    };
    if (flag === '--plan') options.plan = value();
    else if (flag === '--expires') {
      options.expires = value();
      if (!isDay(options.expires)) throw new UsageError('--expires must be a date YYYY-MM-DD');
    } else if (flag === '--suspend') options.suspended = true;
    else if (flag === '--resume') options.suspended = false;
    else if (flag === '--tenant-id') {
      options.tenantId = value();
      if (!GUID.test(options.tenantId)) throw new UsageError('--tenant-id must be a GUID');
    } else if (flag === '--site') options.site = value();
    else if (flag === '--address') options.addresses.push(value().toLowerCase());
    else throw new UsageError(`unknown option ${flag ?? ''}`);
  }
  return options;
}

function describe(record: TenantRecord, now: Date, waiting: number): string[] {
  // When the licenceEnd timer will erase it (lib/tenants/licenceEnd.ts), once it has ended.
  const erasure = erasureLine(record.licence, now);
  return [
    `${record.domain}: ${licenceStatus(record.licence, now)} (plan ${record.licence.plan}, expires ${record.licence.expiresAt}${record.licence.suspended ? ', suspended' : ''})`,
    `  site ${record.siteUrl || '-'}, Entra tenant ${record.entraTenantId || '-'}`,
    `  support addresses: ${record.supportAddresses.join(', ') || '-'}`,
    `  installations: ${record.installations.length}${record.installations.map((i) => `\n    ${i.url} (first ${i.firstSeen}, last ${i.lastSeen})`).join('')}`,
    `  mails waiting: ${waiting}`,
    ...(erasure ? [`  ${erasure}`] : []),
  ];
}

export async function runLicenceCommand(argv: string[], deps: AdminDeps): Promise<void> {
  const [command, rawDomain, ...rest] = argv;
  if (command === 'list') {
    const all = await deps.tenants.list();
    for (const r of all)
      deps.out(
        `${r.domain}\t${licenceStatus(r.licence, deps.now())}\t${r.licence.plan}\t${r.licence.expiresAt}`,
      );
    if (all.length === 0) deps.out('no tenants');
    return;
  }
  if (!command || !['add', 'set', 'show', 'remove'].includes(command)) throw new UsageError(USAGE);
  const domain = rawDomain?.toLowerCase() ?? '';
  if (!DOMAIN.test(domain))
    throw new UsageError(
      'domain must be a SharePoint Online domain such as contoso.sharepoint.com',
    );
  const options = parseOptions(rest);
  const existing = await deps.tenants.get(domain);
  if (command === 'show' || command === 'remove') {
    if (!existing) throw new UsageError(`${domain} is not a tenant`);
    if (command === 'show')
      return describe(existing, deps.now(), await deps.countStaged(domain)).forEach(deps.out);
    await deps.tenants.remove(domain);
    return deps.out(`${domain} removed`);
  }
  if (command === 'add' && existing) throw new UsageError(`${domain} exists already: use set`);
  if (command === 'set' && !existing) throw new UsageError(`${domain} is not a tenant: use add`);
  if (command === 'add' && !options.expires) throw new UsageError('add needs --expires YYYY-MM-DD');
  const base = existing ?? {
    domain,
    entraTenantId: '',
    siteUrl: '',
    supportAddresses: [],
    licence: { plan: 'standard', expiresAt: '', suspended: false },
    installations: [],
  };
  const record = {
    ...base,
    entraTenantId: options.tenantId ?? base.entraTenantId,
    siteUrl: options.site ?? base.siteUrl,
    supportAddresses: [...new Set([...base.supportAddresses, ...options.addresses])],
    licence: {
      plan: options.plan ?? base.licence.plan,
      expiresAt: options.expires ?? base.licence.expiresAt,
      suspended: options.suspended ?? base.licence.suspended,
    },
  };
  await deps.tenants.put(record);
  if (command === 'add' && (await deps.tombstones?.lift(domain)))
    deps.out(`${domain}: its erasure tombstone is lifted, mail is taken again`);
  deps.out(
    `${domain} ${command === 'add' ? 'added' : 'updated'}: ${licenceStatus(record.licence, deps.now())}`,
  );
}
