/**
 * Change notifications from the Graph simulator: sent after a delivery with the subscription's
 * clientState, retried when the endpoint fails, and dropped, duplicated or delayed by the seeded
 * knob the same way every run.
 */
import type { TestSimulator } from '../../dev/graph-sim/testing';
import {
  type Endpoint,
  TENANT,
  type World,
  rightAnswer,
  startWorld,
  subscribe,
} from './graph-sim-subscriptions-kit';

type Notification = Record<string, unknown> & { resourceData: Record<string, unknown> };

let world: World;
let t: TestSimulator;
let endpoint: Endpoint;
let userId: string;
let subscriptionId: string;

beforeAll(async () => {
  world = await startWorld();
  ({ t, endpoint, userId } = world);
  const res = await subscribe(t, endpoint);
  subscriptionId = (res.body as { id: string }).id;
});

afterAll(() => world.close());

beforeEach(async () => {
  endpoint.answer = rightAnswer;
  endpoint.received.length = 0;
  await t.admin('PUT', '/_admin/notifications', {});
});

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Which of `count` deliveries were notified, in delivery order, and how often each. */
async function fates(count: number, settleMs = 300): Promise<number[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) ids.push(await world.send());
  await sleep(settleMs);
  const seen = endpoint
    .notifications()
    .flatMap((n) => n.value.map((v) => (v as Notification).resourceData.id));
  return ids.map((id) => seen.filter((s) => s === id).length);
}

describe('change notifications', () => {
  it('when a mail is delivered, then the endpoint gets one created notification with the clientState', async () => {
    const id = await world.send();
    const [first] = await endpoint.waitFor(1);
    const resource = `Users/${userId}/Messages/${id}`;
    expect(first?.value).toEqual([
      {
        id: expect.any(String),
        subscriptionId,
        subscriptionExpirationDateTime: expect.any(String),
        clientState: 'secret-client-state',
        changeType: 'created',
        resource,
        tenantId: TENANT,
        resourceData: {
          '@odata.type': '#Microsoft.Graph.Message',
          '@odata.id': resource,
          '@odata.etag': expect.stringMatching(/^W\/".+"$/),
          id,
        },
      },
    ]);
    expect(endpoint.received.at(-1)?.path).toBe('/api/mailbox/notify');
    expect(endpoint.received.at(-1)?.contentType).toMatch(/^application\/json/);
  });

  it('when the endpoint fails twice, then the notification is retried until it is taken', async () => {
    let calls = 0;
    endpoint.answer = () => ({ status: ++calls <= 2 ? 503 : 202 });
    await world.send();
    await endpoint.waitFor(3);
    const state = await t.admin('GET', '/_admin/notifications');
    expect(state.body).toMatchObject({ delivered: 1, retried: 2, abandoned: 0 });
  });

  it('when the endpoint answers after 3 s, then that counts as a failure and is retried', async () => {
    endpoint.answer = () => ({ status: 202, delayMs: 3_200 });
    await world.send();
    await endpoint.waitFor(1);
    endpoint.answer = rightAnswer;
    await endpoint.waitFor(2, 6_000);
    await sleep(100);
    const state = await t.admin('GET', '/_admin/notifications');
    expect(state.body).toMatchObject({ delivered: 1, retried: 1, abandoned: 0 });
  });

  it('when the endpoint fails every attempt, then the notification is abandoned after 5', async () => {
    endpoint.answer = () => ({ status: 500 });
    await world.send();
    const until = Date.now() + 10_000;
    let state: Record<string, unknown> = {};
    while (Date.now() < until && state.abandoned !== 1) {
      await sleep(100);
      state = (await t.admin('GET', '/_admin/notifications')).body as Record<string, unknown>;
    }
    expect(state).toMatchObject({ delivered: 0, retried: 4, abandoned: 1 });
    expect(endpoint.notifications()).toHaveLength(5);
  });

  it('when the subscription is gone, then no notification is sent', async () => {
    const extra = await subscribe(t, endpoint, { clientState: 'second' });
    const id = (extra.body as { id: string }).id;
    await t.admin('POST', `/_admin/subscriptions/${id}/expire`);
    endpoint.received.length = 0;
    await world.send();
    await sleep(300);
    const states = endpoint.notifications().flatMap((n) => n.value.map((v) => v.clientState));
    expect(states).toEqual(['secret-client-state']);
  });
});

describe('the notification knob', () => {
  it('when drop is 1, then nothing is sent; when duplicate is 1, then everything twice', async () => {
    await t.admin('PUT', '/_admin/notifications', { drop: 1 });
    expect(await fates(3)).toEqual([0, 0, 0]);
    await t.admin('PUT', '/_admin/notifications', { duplicate: 1 });
    expect(await fates(3)).toEqual([2, 2, 2]);
    const state = await t.admin('GET', '/_admin/notifications');
    expect(state.body).toMatchObject({ duplicate: 1, duplicated: 3, dropped: 0 });
  });

  it('when the same seed is set again, then the same deliveries are dropped and duplicated', async () => {
    const knob = { drop: 0.4, duplicate: 0.4, seed: 42 };
    await t.admin('PUT', '/_admin/notifications', knob);
    const first = await fates(12);
    endpoint.received.length = 0;
    await t.admin('PUT', '/_admin/notifications', knob);
    expect(await fates(12)).toEqual(first);
    // The rates mean something: some of each fate.
    expect(new Set(first)).toEqual(new Set([0, 1, 2]));
  });

  it('when a delay is set, then the notification arrives no earlier', async () => {
    await t.admin('PUT', '/_admin/notifications', { delayMs: 400 });
    const sent = Date.now();
    await world.send();
    await sleep(200);
    expect(endpoint.notifications()).toHaveLength(0);
    await endpoint.waitFor(1);
    expect((endpoint.received.at(-1)?.at ?? 0) - sent).toBeGreaterThanOrEqual(400);
  });

  it('when the knob is wrong, then 400 and the knob is unchanged', async () => {
    for (const bad of [
      { drop: 2 },
      { duplicate: -0.1 },
      { delayMs: 1.5 },
      { seed: 'x' },
      { rate: 1 },
    ]) {
      const res = await t.admin('PUT', '/_admin/notifications', bad);
      expect({ bad, status: res.status }).toEqual({ bad, status: 400 });
    }
    expect((await t.admin('GET', '/_admin/notifications')).body).toMatchObject({ drop: 0 });
  });
});

describe('lifecycle events', () => {
  it('when missed is sent, then the lifecycle endpoint gets it and the subscription lives on', async () => {
    const res = await t.admin('POST', `/_admin/subscriptions/${subscriptionId}/lifecycle`, {
      event: 'missed',
    });
    expect(res.status).toBe(202);
    const [event] = await endpoint.waitFor(1);
    expect(endpoint.received.at(-1)?.path).toBe('/api/mailbox/lifecycle');
    expect(event?.value).toEqual([
      {
        subscriptionId,
        subscriptionExpirationDateTime: expect.any(String),
        tenantId: TENANT,
        clientState: 'secret-client-state',
        lifecycleEvent: 'missed',
      },
    ]);
    expect((await t.graphFetch(TENANT, 'GET', `/subscriptions/${subscriptionId}`)).status).toBe(
      200,
    );
  });

  it('when subscriptionRemoved is sent, then the subscription is also deleted', async () => {
    const created = await subscribe(t, endpoint, { clientState: 'removed-one' });
    const id = (created.body as { id: string }).id;
    endpoint.received.length = 0;
    await t.admin('POST', `/_admin/subscriptions/${id}/lifecycle`, {
      event: 'subscriptionRemoved',
    });
    const [event] = await endpoint.waitFor(1);
    expect(event?.value[0]).toMatchObject({
      lifecycleEvent: 'subscriptionRemoved',
      subscriptionId: id,
    });
    expect((await t.graphFetch(TENANT, 'GET', `/subscriptions/${id}`)).status).toBe(404);
  });

  it('when the event is unknown or the subscription is not, then the admin says so', async () => {
    const bad = await t.admin('POST', `/_admin/subscriptions/${subscriptionId}/lifecycle`, {
      event: 'exploded',
    });
    expect(bad.status).toBe(400);
    const gone = await t.admin('POST', '/_admin/subscriptions/nope/lifecycle', { event: 'missed' });
    expect(gone.status).toBe(404);
  });
});
