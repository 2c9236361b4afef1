/**
 * `npm run license -- <add|set|show|remove|list> <domain> [options]`: the operator's licence
 * command against the configured Cosmos (the local stack's settings unless overridden). `show`
 * prints `erase after: YYYY-MM-DD` for a licence that has ended; `add` of an erased domain lifts
 * its erasure tombstone (docs/data-protection.md).
 */
import { loadConfig } from '../lib/config';
import { buildDeps } from '../lib/deps';
import { ensureError } from '../lib/errors';
import { USAGE, UsageError, runLicenceCommand } from '../lib/licensing/admin';
import { tombstonesIn } from '../lib/tenants/tombstones';
import { withLocalSecrets } from './secrets';
import { loadLocalSettings } from './settings';

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  if (argv.length === 0 || argv[0] === '--help') throw new UsageError(USAGE);
  const deps = buildDeps(loadConfig(withLocalSecrets(loadLocalSettings())));
  await runLicenceCommand(argv, {
    tenants: deps.tenants,
    tombstones: tombstonesIn(deps.cosmos),
    countStaged: (domain) => deps.staging.countStaged(domain),
    now: () => new Date(),
    out: (line) => console.log(line),
  });
}

main().catch((err: unknown) => {
  const e = ensureError(err);
  const known = e instanceof UsageError || e.name === 'ConfigError';
  const detail = known ? e.message : `failed (${String((e as { code?: unknown }).code ?? e.name)})`;
  console.error(`license: ${detail}`);
  process.exit(known ? 2 : 1);
});
