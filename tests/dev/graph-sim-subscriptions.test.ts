/**
 * Subscriptions in the Graph simulator: the validation handshake against an endpoint of the
 * test's own, the expiry limits, renewal, deletion, expiry and who may see a subscription.
 */
import type { TestSimulator } from '../../dev/graph-sim/testing';
import {
  type Endpoint,
  MAILBOX,
  OTHER_TENANT,
  TENANT,
  type World,
  inHours,
  rightAnswer,
  startWorld,
  subscribe,
} from './graph-sim-subscriptions-kit';

type Body = Record<string, unknown> & { error?: { code: string; message: string } };

let world: World;
let t: TestSimulator;
let endpoint: Endpoint;

beforeAll(async () => {
  world = await startWorld();
  ({ t, endpoint } = world);
});

afterAll(() => world.close());

beforeEach(() => {
  endpoint.answer = rightAnswer;
  endpoint.received.length = 0;
});

async function subscriptionCount(): Promise<number> {
  const list = await t.admin('GET', '/_admin/subscriptions');
  return (list.body as { value: unknown[] }).value.length;
}

const minutesFromNow = (iso: unknown): number => (Date.parse(iso as string) - Date.now()) / 60_000;

describe('creating a subscription', () => {
  it('when both endpoints echo the token, then it is created and both were asked', async () => {
    const res = await subscribe(t, endpoint);
    expect(res.status).toBe(201);
    const sub = res.body as Body;
    expect(sub).toMatchObject({
      changeType: 'created',
      clientState: 'secret-client-state',
      resource: `users/${MAILBOX}/mailFolders('inbox')/messages`,
      notificationUrl: `${endpoint.url}/api/mailbox/notify`,
      lifecycleNotificationUrl: `${endpoint.url}/api/mailbox/lifecycle`,
      includeResourceData: false,
    });
    const asked = endpoint.received.map((r) => [r.path, r.contentType]);
    expect(asked).toEqual([
      ['/api/mailbox/notify', 'text/plain; charset=utf-8'],
      ['/api/mailbox/lifecycle', 'text/plain; charset=utf-8'],
    ]);
    // The token arrives URL-encoded and holds spaces, as Graph's does.
    expect(endpoint.received[0]?.query.get('validationToken')).toMatch(/^Validation: .+ /);
  });

  it.each([
    ['not 200', { status: 202, type: 'text/plain' }, /must respond with 200 OK/],
    ['not text/plain', { status: 200, type: 'application/json' }, /content type text\/plain/],
    ['not the token', { status: 200, type: 'text/plain', body: 'nope' }, /exactly match/],
  ])(
    'when the endpoint answers %s, then creation fails with 400 ValidationError',
    async (_, a, why) => {
      const before = await subscriptionCount();
      endpoint.answer = (req) => ({ ...rightAnswer(req), ...a });
      const res = await subscribe(t, endpoint);
      expect(res.status).toBe(400);
      expect((res.body as Body).error?.code).toBe('ValidationError');
      expect((res.body as Body).error?.message).toMatch(why);
      expect(await subscriptionCount()).toBe(before);
    },
  );

  it('when only the lifecycle endpoint fails the handshake, then creation fails too', async () => {
    endpoint.answer = (req) =>
      req.path.endsWith('/lifecycle') ? { status: 500 } : rightAnswer(req);
    const res = await subscribe(t, endpoint);
    expect((res.body as Body).error?.code).toBe('ValidationError');
  });

  it('when the endpoint is unreachable, then creation fails with 400 ValidationError', async () => {
    const res = await subscribe(t, endpoint, { notificationUrl: 'http://localhost:1/notify' });
    expect(res.status).toBe(400);
    expect((res.body as Body).error?.code).toBe('ValidationError');
  });

  it('when the expiry is beyond 10,080 minutes, then 400; under 45 minutes, then it is raised to 45', async () => {
    const far = await subscribe(t, endpoint, { expirationDateTime: inHours(24 * 7 + 1) });
    expect(far.status).toBe(400);
    expect((far.body as Body).error?.message).toMatch(/10080 minutes/);
    const near = await subscribe(t, endpoint, { expirationDateTime: inHours(0.1) });
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
      const res = await subscribe(t, endpoint, extra);
      expect({ extra, status: res.status }).toEqual({ extra, status: 400 });
    }
    expect(endpoint.received).toEqual([]);
  });

  it('when the mailbox is outside the app scope, then 403 ErrorAccessDenied; unknown, then 404', async () => {
    // A mailbox the admin made but never put in the app's scope.
    await t.admin('PUT', `/_admin/tenants/${TENANT}/mailboxes/sales@contoso.com`, {});
    const denied = await subscribe(t, endpoint, {
      resource: "users/sales@contoso.com/mailFolders('inbox')/messages",
    });
    expect(denied.status).toBe(403);
    expect((denied.body as Body).error).toMatchObject({
      code: 'ErrorAccessDenied',
      message: 'Access to OData is disabled.',
    });
    const unknown = await subscribe(t, endpoint, { resource: 'users/nobody@contoso.com/messages' });
    expect(unknown.status).toBe(404);
    // Another tenant's mailbox is as unknown as a made-up one.
    expect((await subscribe(t, endpoint, {}, OTHER_TENANT)).status).toBe(404);
  });
});

describe('a subscription once created', () => {
  async function created(): Promise<string> {
    const res = await subscribe(t, endpoint);
    expect(res.status).toBe(201);
    return (res.body as { id: string }).id;
  }

  it('when renewed, then the new expiry is kept under the same limits', async () => {
    const id = await created();
    const renewed = await t.graphFetch(TENANT, 'PATCH', `/subscriptions/${id}`, {
      body: { expirationDateTime: inHours(100) },
    });
    expect(renewed.status).toBe(200);
    expect(minutesFromNow((renewed.body as Body).expirationDateTime)).toBeGreaterThan(5_990);
    const got = await t.graphFetch(TENANT, 'GET', `/subscriptions/${id}`);
    expect((got.body as Body).expirationDateTime).toBe((renewed.body as Body).expirationDateTime);
    const tooFar = await t.graphFetch(TENANT, 'PATCH', `/subscriptions/${id}`, {
      body: { expirationDateTime: inHours(24 * 8) },
    });
    expect(tooFar.status).toBe(400);
  });

  it('when deleted, then 204 and it is gone; reauthorize answers 204 while it lives', async () => {
    const id = await created();
    expect((await t.graphFetch(TENANT, 'POST', `/subscriptions/${id}/reauthorize`)).status).toBe(
      204,
    );
    expect((await t.graphFetch(TENANT, 'DELETE', `/subscriptions/${id}`)).status).toBe(204);
    expect((await t.graphFetch(TENANT, 'GET', `/subscriptions/${id}`)).status).toBe(404);
    expect((await t.graphFetch(TENANT, 'DELETE', `/subscriptions/${id}`)).status).toBe(404);
  });

  it('when expired by the admin, then it is gone for every call and no lifecycle event is sent', async () => {
    const id = await created();
    endpoint.received.length = 0;
    expect((await t.admin('POST', `/_admin/subscriptions/${id}/expire`)).status).toBe(204);
    expect((await t.graphFetch(TENANT, 'GET', `/subscriptions/${id}`)).status).toBe(404);
    const renew = await t.graphFetch(TENANT, 'PATCH', `/subscriptions/${id}`, {
      body: { expirationDateTime: inHours(48) },
    });
    expect(renew.status).toBe(404);
    const list = await t.graphFetch(TENANT, 'GET', '/subscriptions');
    expect((list.body as { value: Body[] }).value.map((s) => s.id)).not.toContain(id);
    await new Promise((r) => setTimeout(r, 100));
    expect(endpoint.received).toEqual([]);
  });

  it('when another tenant asks, then it does not exist there', async () => {
    const id = await created();
    const other = await t.graphFetch(OTHER_TENANT, 'GET', `/subscriptions/${id}`);
    expect(other.status).toBe(404);
    expect((await t.graphFetch(OTHER_TENANT, 'DELETE', `/subscriptions/${id}`)).status).toBe(404);
    const list = await t.graphFetch(OTHER_TENANT, 'GET', '/subscriptions');
    expect((list.body as { value: unknown[] }).value).toEqual([]);
    const own = await t.graphFetch(TENANT, 'GET', '/subscriptions');
    expect((own.body as { value: Body[] }).value.map((s) => s.id)).toContain(id);
  });
});
