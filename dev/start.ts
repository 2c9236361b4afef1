/**
 * `npm start`: the whole local stack (docs/architecture.md "Local stack"): Azurite, the Cosmos server and
 * the Graph simulator, the demo tenant seeded into them, then the functions host, and last the
 * demo mailbox connected (its subscription is validated by the running host). The
 * configuration is checked before anything starts, so a bad setting costs no waiting. Ctrl-C or
 * SIGTERM stops every process of the stack.
 */
import { relative } from 'node:path';

import { loadConfig } from '../lib/config';
import { ConfigError } from '../lib/errors';
import { DEMO_MAILBOX, DEMO_TENANT } from './seed';
import { withLocalSecrets } from './secrets';
import {
  PORT_KEYS,
  REPO_ROOT,
  type Settings,
  loadLocalSettings,
  portOf,
  settingsFile,
} from './settings';
import { type Stack, startStack } from './stack';
import { watchLauncher } from './stack/launcher';

async function checkedSettings(): Promise<Settings> {
  try {
    const settings = await withLocalSecrets(loadLocalSettings());
    loadConfig(settings);
    for (const key of PORT_KEYS) portOf(settings, key);
    return settings;
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    console.error(`start: ${err.message}`);
    process.exit(1);
  }
}

function printSummary(settings: Settings, certFile: string): void {
  const port = (key: (typeof PORT_KEYS)[number]): number => portOf(settings, key);
  const host = `http://localhost:${port('FUNCTIONS_PORT')}`;
  const lines = [
    '',
    `Functions host   ${host}/api/...`,
    `  health         ${host}/api/health`,
    `  inbound        POST ${host}/api/inbound?recipient=${DEMO_TENANT.supportAddresses[0] ?? ''}`,
    `                 (x-functions-key: the LOCAL_FUNCTION_KEY setting; or npm run send)`,
    `  mailbox        POST ${host}/api/mailbox/notify, /api/mailbox/lifecycle (from Graph)`,
    `Graph simulator  https://localhost:${port('GRAPH_SIM_PORT')}`,
    `Cosmos DB        https://localhost:${port('COSMOS_PORT')}`,
    `Azurite          blob http://127.0.0.1:${port('AZURITE_BLOB_PORT')}, ` +
      `queue http://127.0.0.1:${port('AZURITE_QUEUE_PORT')}, ` +
      `table http://127.0.0.1:${port('AZURITE_TABLE_PORT')}`,
    `Certificate      NODE_EXTRA_CA_CERTS=${relative(process.cwd(), certFile) || certFile}`,
    `Settings         ${relative(REPO_ROOT, settingsFile())} (environment wins)`,
    '',
    `Demo tenant      ${DEMO_TENANT.alias ?? DEMO_TENANT.domain}`,
    `  Entra tenant   ${DEMO_TENANT.entraTenantId}`,
    `  site           ${DEMO_TENANT.siteUrl}`,
    `  support        ${DEMO_TENANT.supportAddresses.join(', ')}`,
    `  mailbox        ${DEMO_MAILBOX} (connected; npm run send -- --mailbox ${DEMO_MAILBOX} file.eml)`,
    `  licence        ${DEMO_TENANT.licence.plan} for ${DEMO_TENANT.domain}, until ${DEMO_TENANT.licence.expiresAt}`,
    '',
    'start: ready; Ctrl-C stops everything',
  ];
  console.log(lines.join('\n'));
}

async function main(): Promise<void> {
  const settings = await checkedSettings();
  const cancel = new AbortController();
  let stack: Stack | undefined;
  let exiting = false;
  const shutdown = (reason: string, code: number): void => {
    if (exiting) return;
    exiting = true;
    console.log(`start: ${reason}, stopping the stack`);
    cancel.abort();
    void (stack?.stop() ?? Promise.resolve()).finally(() => process.exit(code));
  };
  process.on('SIGINT', () => shutdown('SIGINT', 0));
  process.on('SIGTERM', () => shutdown('SIGTERM', 0));
  watchLauncher(() => shutdown('the launching process exited', 0));

  try {
    stack = await startStack({ settings, mode: 'dev', signal: cancel.signal });
    await stack.seed();
    await stack.startHost();
    await stack.connectMailbox();
  } catch (err) {
    if (exiting) return; // the signal handler is already stopping and will exit
    console.error(`start: ${err instanceof Error ? err.message : String(err)}`);
    exiting = true;
    await stack?.stop();
    process.exit(1);
  }
  // A component dying on its own takes the stack down: half a stack only confuses.
  for (const component of stack.components) {
    void component.exited.then((code) => shutdown(`${component.name} exited (${code})`, 1));
  }
  printSummary(settings, stack.env.certFile);
}

main().catch((err: unknown) => {
  console.error('start: failed:', err);
  process.exit(1);
});
