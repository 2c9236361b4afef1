/**
 * A mailbox the app may not read (the Exchange administrator's RBAC scope leaves it out, or took
 * it back): the operator's connect fails with one line naming the permission, with the Exchange
 * commands that grant it beside, and nothing the service logged (its encrypted log, the host's
 * console) names the mailbox or the mail in it.
 */
import { MailboxAccessError } from '../../lib/mailbox';
import { startHost } from '../support/stack';
import { tenantLog } from './outcomes';
import { connect, deliver, revokeGrant, tenantWithMailbox } from './mailboxSupport';
import { eventually, mail } from './support';

it('when the app loses access to the mailbox, then connecting says so in one line naming Mail.ReadWrite, and no log holds the address or a subject', async () => {
  const lines: string[] = [];
  const [host, { tenant, support }] = await Promise.all([
    startHost({}, (line) => lines.push(line)),
    tenantWithMailbox(),
  ]);
  await connect(host.url, tenant, support);
  await revokeGrant(tenant, support);
  const subject = `Secret subject ${tenant.alias}`;
  await deliver(support, mail({ to: support, subject }));
  // The notification's fetch is refused (403) and logged by its code.
  const events = await eventually(async () => {
    const all = await tenantLog(tenant);
    return all.some((e) => e.code === 'graph-access-denied') ? all : undefined;
  });

  const failure = await connect(host.url, tenant, support).then(
    () => undefined,
    (err: unknown) => err as MailboxAccessError,
  );
  expect(failure).toBeInstanceOf(MailboxAccessError);
  expect(failure?.message).not.toContain('\n');
  expect(failure?.message).toContain('Mail.ReadWrite');
  // The Exchange commands that grant it, for the operator to run.
  expect(failure?.commands).toContainEqual(
    expect.stringMatching(/^New-ManagementRoleAssignment .*"Application Mail.ReadWrite"/),
  );

  const logged = JSON.stringify([...events, ...(await tenantLog(tenant)), ...lines]);
  expect(logged).not.toContain(support);
  expect(logged).not.toContain(support.split('@')[1]); // not even the address's domain
  expect(logged).not.toContain(subject);
});
