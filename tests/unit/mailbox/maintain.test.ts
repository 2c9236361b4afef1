import { MailboxAccessError, resolveMailbox } from '../../../lib/mailbox/access';
import { maintainMailboxes } from '../../../lib/mailbox/maintain';
import { FakeExchange, RECORD, type Request, graphError, mailboxWorld } from './fakes';

const line = (r: Request) => `${r.method} ${r.path}`;

describe('the timer round and the access check', () => {
  it('when a subscription has less than a day left, then it is renewed to three days; one with more is only checked; each mailbox is caught up', async () => {
    const w = mailboxWorld((r) =>
      r.method === 'PATCH'
        ? { expirationDateTime: (r.body as { expirationDateTime: string }).expirationDateTime }
        : {},
    );
    await w.mailboxes.put({
      ...RECORD,
      id: 'x|later@contoso.com',
      address: 'later@contoso.com',
      subscriptionId: 'sub-2',
      subscriptionExpiresAt: '2026-01-05T00:00:00.000Z',
    });
    const report = await maintainMailboxes(w.deps, new Date('2026-01-03T01:00:00.000Z'));
    expect(report).toEqual({ renewed: 1, recreated: 0, synced: 2 });
    expect(w.exchange.requests.map((r) => [line(r), r.body])).toEqual([
      ['PATCH /subscriptions/sub-1', { expirationDateTime: '2026-01-05T00:00:00.000Z' }],
      ['GET /subscriptions/sub-2', undefined],
    ]);
    expect(w.jobs.map((j) => j.kind === 'sync' && j.reason)).toEqual(['timer', 'timer']);
  });

  it('when Graph no longer has the subscription, then a new one is created with the notify and lifecycle URLs', async () => {
    const w = mailboxWorld((r) => {
      if (r.method === 'PATCH') throw graphError(404, 'ResourceNotFound');
      return { id: 'sub-new', expirationDateTime: '2026-01-05T00:00:00.000Z' };
    });
    expect(await maintainMailboxes(w.deps, new Date('2026-01-03T12:00:00.000Z'))).toEqual({
      renewed: 0,
      recreated: 1,
      synced: 1,
    });
    expect(w.exchange.requests[1]?.body).toMatchObject({
      changeType: 'created',
      notificationUrl: 'https://helpdesk.example/api/mailbox/notify',
      lifecycleNotificationUrl: 'https://helpdesk.example/api/mailbox/lifecycle',
      resource: "users/user-1/mailFolders('inbox')/messages",
      clientState: expect.stringMatching(/^[\w-]{43}$/),
    });
    expect((await w.mailboxes.get(RECORD.tenant, RECORD.address))?.subscriptionId).toBe('sub-new');
  });

  it('when one mailbox fails, then it is logged by code and the others go on', async () => {
    const w = mailboxWorld(() => {
      throw graphError(403, 'ErrorAccessDenied');
    });
    expect(await maintainMailboxes(w.deps, new Date('2026-01-03T12:00:00.000Z'))).toEqual({
      renewed: 0,
      recreated: 0,
      synced: 0,
    });
    expect(w.log.events[0]).toMatchObject({
      outcome: 'maintain-failed',
      code: 'graph-access-denied',
    });
  });

  it('when the mailbox is outside the app scope, then MailboxAccessError names Mail.ReadWrite and gives the Exchange commands', async () => {
    const exchange = new FakeExchange(() => {
      throw graphError(403, 'ErrorAccessDenied');
    });
    const err = await resolveMailbox(exchange, 'support@contoso.com', 'app-1').catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(MailboxAccessError);
    const access = err as MailboxAccessError;
    expect(access.message).toMatch(/Mail\.ReadWrite/);
    expect(access.message).not.toMatch(/\n|support@/);
    expect(access.commands).toEqual([
      expect.stringMatching(
        /^New-ServicePrincipal -AppId app-1 -ObjectId .+ -DisplayName helpdesk-mail$/,
      ),
      `New-ManagementScope -Name "helpdesk-mail support" -RecipientRestrictionFilter "PrimarySmtpAddress -eq 'support@contoso.com'"`,
      'New-ManagementRoleAssignment -App app-1 -Role "Application Mail.ReadWrite" -CustomResourceScope "helpdesk-mail support"',
      'Test-ServicePrincipalAuthorization -Identity app-1 -Resource support@contoso.com',
    ]);
  });

  it('when the app may read the mailbox but not the directory, then the address stands in for the user id', async () => {
    const exchange = new FakeExchange((r) => {
      if (r.path === '/users/support%40contoso.com')
        throw graphError(403, 'Authorization_RequestDenied');
      return { id: 'inbox' };
    });
    expect(await resolveMailbox(exchange, 'support@contoso.com', 'app-1')).toBe(
      'support@contoso.com',
    );
  });
});
