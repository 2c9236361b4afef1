/**
 * `npm run license -- <add|set|show|remove|list> <domain> [options]`: the operator's licence
 * command against the configured Cosmos (the local stack's settings unless overridden).
 */
import { storeSettings } from '../lib/config';
import { ensureError } from '../lib/errors';
import { USAGE, UsageError, runLicenseCommand } from '../lib/licensing/admin';
import { CosmosTenantStore, cosmosClient } from '../lib/licensing/tenants';
import { BlobMailStaging } from '../lib/storage/staging';
import { loadLocalSettings } from './settings';

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  if (argv.length === 0 || argv[0] === '--help') throw new UsageError(USAGE);
  const config = storeSettings(loadLocalSettings());
  const tenants = new CosmosTenantStore(
    cosmosClient(config.cosmos.endpoint, config.cosmos.key),
    config.cosmos.database,
  );
  const staging = new BlobMailStaging(config.storageConnection);
  await runLicenseCommand(argv, {
    tenants,
    countStaged: (domain) => staging.countStaged(domain),
    now: () => new Date(),
    out: (line) => console.log(line),
  });
}

main().catch((err: unknown) => {
  const e = ensureError(err);
  const known = e instanceof UsageError || e.name === 'ConfigError';
  console.error(
    `license: ${known ? e.message : `failed (${(e as { code?: unknown }).code ?? e.name}): ${e.message.split('\n')[0]}`}`,
  );
  process.exit(known ? 2 : 1);
});
