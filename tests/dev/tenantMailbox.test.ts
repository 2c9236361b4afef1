/**
 * The operator's mailbox commands (`npm run tenant -- connect-mailbox | show | export |
 * disconnect-mailbox`, dev/tenant.ts) run as an operator runs them, in a process of their own
 * against the test stack, with a host up for the subscription's validation call.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

import { deliver, revokeGrant, subscriptionsOf, tenantWithMailbox } from '../e2e/mailboxSupport';
import { sharedHost } from '../e2e/setup';
import { mail, settings } from '../e2e/support';

const host = sharedHost();

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** `npm run tenant -- ...args` against the test stack (the environment overrides the settings). */
async function tenantCli(...args: string[]): Promise<Run> {
  const cli = [require.resolve('tsx/cli'), 'dev/tenant.ts', ...args];
  const env = { ...process.env, ...settings(), PUBLIC_BASE_URL: host.url };
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, cli, { env });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const failed = err as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? -1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}

it('when the tenant is unknown, then connect-mailbox says so in one line and exits 1', async () => {
  const run = await tenantCli('connect-mailbox', 'nobody-here', 'support@nobody.example');
  expect(run.code).toBe(1);
  expect(run.stderr.trim()).toBe("tenant: no tenant 'nobody-here'");
}, 60_000);

it('when the app may not read the mailbox, then connect-mailbox names Mail.ReadWrite in one line, then the Exchange commands, and exits 1', async () => {
  const { tenant, support } = await tenantWithMailbox();
  await revokeGrant(tenant, support);
  const run = await tenantCli('connect-mailbox', tenant.alias ?? '', support);
  expect(run.code).toBe(1);
  const [first = '', ...commands] = run.stderr.trim().split('\n');
  expect(first).toMatch(/^tenant: .*Mail\.ReadWrite/);
  const text = commands.join('\n');
  for (const command of [
    'New-ServicePrincipal',
    'New-ManagementScope',
    'New-ManagementRoleAssignment',
    'Test-ServicePrincipalAuthorization',
  ]) {
    expect(text).toContain(command);
  }
  expect(text).toContain('-Role "Application Mail.ReadWrite"');
  expect(text).toContain(support);
  expect(await subscriptionsOf(tenant)).toEqual([]);
}, 60_000);

it('when the mailbox is granted, then connect-mailbox prints what it did, show and export list it, and disconnect-mailbox removes it', async () => {
  const { tenant, support } = await tenantWithMailbox();
  await deliver(support, mail({ to: support, subject: 'Waiting before the connection' }));
  const alias = tenant.alias ?? '';

  const connected = await tenantCli('connect-mailbox', alias, support);
  expect(connected).toMatchObject({ code: 0, stderr: '' });
  const [subscription] = await subscriptionsOf(tenant);
  expect(connected.stdout).toContain(`connected ${support} to ${tenant.domain}`);
  expect(connected.stdout).toMatch(/mailbox user id +\S+/);
  expect(connected.stdout).toContain('Helpdesk/Processed');
  expect(connected.stdout).toContain('Helpdesk/Not a ticket');
  expect(connected.stdout).toMatch(new RegExp(`subscription +${subscription}, expires 20\\d\\d-`));
  expect(connected.stdout).toMatch(/caught up +1 message/);

  const shown = await tenantCli('show', alias);
  expect(shown.code).toBe(0);
  expect(shown.stdout).toMatch(
    new RegExp(`${support} +subscription expires 20\\d\\d-\\S+, last sync 20\\d\\d-`),
  );

  const exported = JSON.parse((await tenantCli('export', alias)).stdout) as object;
  expect(JSON.stringify(exported)).toContain(`"${tenant.domain}|${support}"`);

  const disconnected = await tenantCli('disconnect-mailbox', alias, support);
  expect(disconnected.stdout.trim()).toBe(`disconnected ${support} from ${tenant.domain}`);
  expect(await subscriptionsOf(tenant)).toEqual([]);
  expect((await tenantCli('show', alias)).stdout).toMatch(/mailboxes +none connected/);
}, 120_000);
