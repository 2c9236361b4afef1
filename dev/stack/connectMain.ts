/**
 * `tsx dev/stack/connectMain.ts`: connects the demo tenant's mailbox (seeded by dev/seed.ts) to
 * the running stack, as `npm run tenant -- connect-mailbox contoso support@contoso.com` would,
 * and prints what it did. A child of the supervisor for the certificate (see seedMain.ts), run
 * after the host is up so that the simulator's validation call reaches the notify function.
 */
import { DEMO_MAILBOX, DEMO_TENANT } from '../seed';
import { CommandFailed, connectCommand, operatorDeps } from '../tenantMailbox';

async function main(): Promise<void> {
  const deps = operatorDeps();
  const tenant = await deps.tenants.get(DEMO_TENANT.domain);
  if (!tenant) throw new Error(`the demo tenant ${DEMO_TENANT.domain} is not seeded`);
  console.log((await connectCommand(deps, tenant, DEMO_MAILBOX)).join('\n'));
  await deps.log.close();
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    const lines = err instanceof CommandFailed ? err.lines : [String(err)];
    console.error(`mailbox: not connected: ${lines.join('\n')}`);
    process.exit(1);
  },
);
