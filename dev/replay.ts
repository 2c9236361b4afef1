/**
 * `npm run replay -- [--tenant <alias|domain>] [--dry-run]`: puts mails waiting in
 * `mail-in-poison` (with their staged copy) back on `mail-in`, once their cause is fixed, and
 * says what it did. Runs against the configured storage (the local stack by default).
 */
import { loadConfig } from '../lib/config';
import { buildDeps } from '../lib/deps';
import { ensureError } from '../lib/errors';
import { queueClient } from '../lib/storage/clients';
import { replayPoisoned } from '../lib/storage/replay';
import { MAIL_QUEUE, POISON_QUEUE } from '../lib/storage/staging';
import { findTenant } from '../lib/tenants/store';
import { withLocalSecrets } from './secrets';
import { loadLocalSettings } from './settings';

const USAGE = 'usage: npm run replay -- [--tenant <alias|domain>] [--dry-run]';

function parseArgs(argv: string[]): { tenant: string | undefined; dryRun: boolean } {
  const args = { tenant: undefined as string | undefined, dryRun: false };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    if (flag === '--tenant' && argv[i + 1]) args.tenant = argv[++i];
    else if (flag === '--dry-run') args.dryRun = true;
    else throw new Error(USAGE);
  }
  return args;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const deps = buildDeps(loadConfig(withLocalSecrets(loadLocalSettings())));
  const storage = deps.config.storage;
  let tenant: string | undefined;
  if (args.tenant) {
    tenant = (await findTenant(deps.tenants, args.tenant))?.domain;
    if (!tenant) throw new Error(`no tenant ${args.tenant}`);
  }
  const report = await replayPoisoned(
    {
      poison: queueClient(storage, POISON_QUEUE),
      mail: queueClient(storage, MAIL_QUEUE),
      staging: deps.blobs.staging,
    },
    { tenant, dryRun: args.dryRun },
  );
  const verb = args.dryRun ? 'would replay' : 'replayed';
  console.log(
    `${verb} ${report.replayed}; staged copy gone (dropped): ${report.gone}; ` +
      `other tenants (left): ${report.otherTenants}; unreadable (left): ${report.unreadable}`,
  );
  await deps.log.close();
}

main().catch((err: unknown) => {
  console.error(`replay: ${ensureError(err).message.split('\n')[0]}`);
  process.exit(1);
});
