/**
 * Creating a subscription in the Graph simulator: the validation handshake against an endpoint
 * of the test's own, the expiry limits, the checks of the request and the mailbox's scope.
 */
import {
  MAILBOX,
  OTHER_TENANT,
  TENANT,
  inHours,
  minutesFromNow,
  rightAnswer,
  subscribe,
  useWorld,
} from './graph-sim-subscriptions-kit';

type Body = Record<string, unknown> & { error?: { code: string; message: string } };

const world = useWorld();

async function subscriptionCount(): Promise<number> {
  const list = await world.t.admin('GET', '/_admin/subscriptions');
  return (list.body as { value: unknown[] }).value.length;
}

describe('creating a subscription', () => {
  it('when both endpoints echo the token, then it is created and both were asked', async () => {
    const res = await subscribe(world);
    expect(res.status).toBe(201);
    const sub = res.body as Body;
    expect(sub).toMatchObject({
      changeType: 'created',
      clientState: 'secret-client-state',
      resource: `users/${MAILBOX}/mailFolders('inbox')/messages`,
      notificationUrl: `${world.endpoint.url}/api/mailbox/notify`,
      lifecycleNotificationUrl: `${world.endpoint.url}/api/mailbox/lifecycle`,
      includeResourceData: false,
    });
    const asked = world.endpoint.received.map((r) => [r.path, r.contentType]);
    expect(asked).toEqual([
      ['/api/mailbox/notify', 'text/plain; charset=utf-8'],
      ['/api/mailbox/lifecycle', 'text/plain; charset=utf-8'],
    ]);
    // The token arrives URL-encoded and holds spaces, as Graph's does.
    expect(world.endpoint.received[0]?.query.get('validationToken')).toMatch(/^Validation: .+ /);
  });

  it.each([
    ['not 200', { status: 202, type: 'text/plain' }, /must respond with 200 OK/],
    ['not text/plain', { status: 200, type: 'application/json' }, /content type text\/plain/],
    ['not the token', { status: 200, type: 'text/plain', body: 'nope' }, /exactly match/],
  ])(
    'when the endpoint answers %s, then creation fails with 400 ValidationError',
    async (_, a, why) => {
      const before = await subscriptionCount();
      world.endpoint.answer = (req) => ({ ...rightAnswer(req), ...a });
      const res = await subscribe(world);
      expect(res.status).toBe(400);
      expect((res.body as Body).error?.code).toBe('ValidationError');
      expect((res.body as Body).error?.message).toMatch(why);
      expect(await subscriptionCount()).toBe(before);
    },
  );

  it('when only the lifecycle endpoint fails the handshake, then creation fails too', async () => {
    world.endpoint.answer = (req) =>
      req.path.endsWith('/lifecycle') ? { status: 500 } : rightAnswer(req);
    const res = await subscribe(world);
    expect((res.body as Body).error?.code).toBe('ValidationError');
  });

  it('when the endpoint is unreachable, then creation fails with 400 ValidationError', async () => {
    const res = await subscribe(world, { notificationUrl: 'http://localhost:1/notify' });
    expect(res.status).toBe(400);
    expect((res.body as Body).error?.code).toBe('ValidationError');
  });

  it('when the expiry is beyond 10,080 minutes, then 400; under 45 minutes, then it is raised to 45', async () => {
    const far = await subscribe(world, { expirationDateTime: inHours(24 * 7 + 1) });
    expect(far.status).toBe(400);
    expect((far.body as Body).error?.message).toMatch(/10080 minutes/);
    const near = await subscribe(world, { expirationDateTime: inHours(0.1) });
    expect(near.status).toBe(201);
    expect(minutesFromNow((near.body as Body).expirationDateTime)).toBeGreaterThan(44.9);
    expect(minutesFromNow((near.body as Body).expirationDateTime)).toBeLessThan(45.1);
  });

  it('when clientState, resource or changeType is wrong, then 400 before any handshake', async () => {
    for (const extra of [
      { clientState: 'x'.repeat(129) },
      { resource: 'sites/root/lists' },
      { changeType: 'renamed' },
      { expirationDateTime: 'tomorrow' },
      { notificationUrl: 'ftp://example.com/x' },
    ]) {
      const res = await subscribe(world, extra);
      expect({ extra, status: res.status }).toEqual({ extra, status: 400 });
    }
    expect(world.endpoint.received).toEqual([]);
  });

  it('when the mailbox is outside the app scope, then 403 ErrorAccessDenied; unknown, then 404', async () => {
    // A mailbox the admin made but never put in the app's scope.
    await world.t.admin('PUT', `/_admin/tenants/${TENANT}/mailboxes/sales@contoso.com`, {});
    const denied = await subscribe(world, {
      resource: "users/sales@contoso.com/mailFolders('inbox')/messages",
    });
    expect(denied.status).toBe(403);
    expect((denied.body as Body).error).toMatchObject({
      code: 'ErrorAccessDenied',
      message: 'Access to OData is disabled.',
    });
    const unknown = await subscribe(world, { resource: 'users/nobody@contoso.com/messages' });
    expect(unknown.status).toBe(404);
    // Another tenant's mailbox is as unknown as a made-up one.
    expect((await subscribe(world, {}, OTHER_TENANT)).status).toBe(404);
  });
});
