/**
 * `npm run logs -- --tenant <alias|domain> [--since 2h] [--mail <id>] [--level warn] [--json]`:
 * decrypts and prints a tenant's log events.
 */
import { loadConfig } from '../lib/config';
import { buildDeps } from '../lib/deps';
import { ensureError } from '../lib/errors';
import { readLogs } from '../lib/storage/logs';
import { findTenant } from '../lib/tenants/store';
import { withLocalSecrets } from './secrets';
import { loadLocalSettings } from './settings';

const USAGE =
  'usage: npm run logs -- --tenant <alias|domain> [--since 2h] [--mail <id>] [--level info|warn|error] [--json]';
const LEVELS = ['debug', 'info', 'warn', 'error'];

/** `90m`, `2h`, `7d` → milliseconds. */
export function parseSince(value: string): number {
  const m = /^(\d{1,5})([mhd])$/.exec(value);
  if (!m) throw new Error('--since takes a duration like 90m, 2h or 7d');
  return Number(m[1]) * { m: 60_000, h: 3_600_000, d: 86_400_000 }[m[2] as 'm' | 'h' | 'd'];
}

function parseArgs(argv: string[]) {
  const args = { tenant: '', since: 3_600_000, mail: '', level: 'debug', json: false };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = () => argv[++i] ?? '';
    if (flag === '--tenant') args.tenant = value();
    else if (flag === '--since') args.since = parseSince(value());
    else if (flag === '--mail') args.mail = value();
    else if (flag === '--level') args.level = value();
    else if (flag === '--json') args.json = true;
    else throw new Error(USAGE);
  }
  if (!args.tenant || !LEVELS.includes(args.level)) throw new Error(USAGE);
  return args;
}

function human(event: Record<string, unknown>): string {
  const { at, level, event: name, mailId, outcome, ...rest } = event;
  const extra = Object.entries(rest)
    .filter(([k]) => k !== 'tenant' && k !== 'trace')
    .map(([k, v]) => `${k}=${typeof v === 'object' ? JSON.stringify(v) : String(v)}`);
  return [
    at,
    String(level).toUpperCase().padEnd(5),
    name,
    mailId ? `mail=${mailId}` : '',
    outcome ? `outcome=${outcome}` : '',
    ...extra,
  ]
    .filter(Boolean)
    .join(' ');
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const deps = buildDeps(loadConfig(withLocalSecrets(loadLocalSettings())));
  const domain = (await findTenant(deps.tenants, args.tenant))?.domain ?? args.tenant.toLowerCase();
  const key = await deps.keys.existingKey(domain);
  if (!key)
    throw new Error(`no logs for ${domain}: the tenant has no data key (never logged, or erased)`);
  const { logs } = deps.blobs;
  const { events, unreadable } = await readLogs(logs, key, domain, {
    since: new Date(Date.now() - args.since),
  });
  const minLevel = LEVELS.indexOf(args.level);
  for (const event of events) {
    if (LEVELS.indexOf(String(event.level)) < minLevel) continue;
    if (args.mail && event.mailId !== args.mail) continue;
    console.log(args.json ? JSON.stringify(event) : human(event));
  }
  if (unreadable > 0) console.error(`logs: ${unreadable} line(s) failed their integrity check`);
}

main().catch((err: unknown) => {
  console.error(`logs: ${ensureError(err).message.split('\n')[0]}`);
  process.exit(1);
});
