/**
 * The Graph simulator's notification knob (drop, duplicate, delay: the same fates for the same
 * seed every run) and lifecycle events sent on demand.
 */
import { TENANT, sleep, subscribed, useWorld } from './graph-sim-subscriptions-kit';

type Notification = Record<string, unknown> & { resourceData: Record<string, unknown> };

const world = useWorld();
let subscriptionId: string;

beforeAll(async () => {
  subscriptionId = await subscribed(world);
});

/** Which of `count` deliveries were notified, in delivery order, and how often each. */
async function fates(count: number, settleMs = 300): Promise<number[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) ids.push(await world.send());
  await sleep(settleMs);
  const seen = world.endpoint
    .notifications()
    .flatMap((n) => n.value.map((v) => (v as Notification).resourceData.id));
  return ids.map((id) => seen.filter((s) => s === id).length);
}

describe('the notification knob', () => {
  it('when drop is 1, then nothing is sent; when duplicate is 1, then everything twice', async () => {
    await world.t.admin('PUT', '/_admin/notifications', { drop: 1 });
    expect(await fates(3)).toEqual([0, 0, 0]);
    await world.t.admin('PUT', '/_admin/notifications', { duplicate: 1 });
    expect(await fates(3)).toEqual([2, 2, 2]);
    const state = await world.t.admin('GET', '/_admin/notifications');
    expect(state.body).toMatchObject({ duplicate: 1, duplicated: 3, dropped: 0 });
  });

  it('when the same seed is set again, then the same deliveries are dropped and duplicated', async () => {
    const knob = { drop: 0.4, duplicate: 0.4, seed: 42 };
    await world.t.admin('PUT', '/_admin/notifications', knob);
    const first = await fates(12);
    world.endpoint.received.length = 0;
    await world.t.admin('PUT', '/_admin/notifications', knob);
    expect(await fates(12)).toEqual(first);
    // The rates mean something: some of each fate.
    expect(new Set(first)).toEqual(new Set([0, 1, 2]));
  });

  it('when a delay is set, then the notification arrives no earlier', async () => {
    await world.t.admin('PUT', '/_admin/notifications', { delayMs: 400 });
    const sent = Date.now();
    await world.send();
    await sleep(200);
    expect(world.endpoint.notifications()).toHaveLength(0);
    await world.endpoint.waitFor(1);
    expect((world.endpoint.received.at(-1)?.at ?? 0) - sent).toBeGreaterThanOrEqual(400);
  });

  it('when the knob is wrong, then 400 and the knob is unchanged', async () => {
    for (const bad of [
      { drop: 2 },
      { duplicate: -0.1 },
      { delayMs: 1.5 },
      { seed: 'x' },
      { rate: 1 },
    ]) {
      const res = await world.t.admin('PUT', '/_admin/notifications', bad);
      expect({ bad, status: res.status }).toEqual({ bad, status: 400 });
    }
    expect((await world.t.admin('GET', '/_admin/notifications')).body).toMatchObject({ drop: 0 });
  });
});

describe('lifecycle events', () => {
  it('when missed is sent, then the lifecycle endpoint gets it and the subscription lives on', async () => {
    const res = await world.t.admin('POST', `/_admin/subscriptions/${subscriptionId}/lifecycle`, {
      event: 'missed',
    });
    expect(res.status).toBe(202);
    const [event] = await world.endpoint.waitFor(1);
    expect(world.endpoint.received.at(-1)?.path).toBe('/api/mailbox/lifecycle');
    expect(event?.value).toEqual([
      {
        subscriptionId,
        subscriptionExpirationDateTime: expect.any(String),
        tenantId: TENANT,
        clientState: 'secret-client-state',
        lifecycleEvent: 'missed',
      },
    ]);
    expect(
      (await world.t.graphFetch(TENANT, 'GET', `/subscriptions/${subscriptionId}`)).status,
    ).toBe(200);
  });

  it('when subscriptionRemoved is sent, then the subscription is also deleted', async () => {
    const id = await subscribed(world, { clientState: 'removed-one' });
    world.endpoint.received.length = 0;
    await world.t.admin('POST', `/_admin/subscriptions/${id}/lifecycle`, {
      event: 'subscriptionRemoved',
    });
    const [event] = await world.endpoint.waitFor(1);
    expect(event?.value[0]).toMatchObject({
      lifecycleEvent: 'subscriptionRemoved',
      subscriptionId: id,
    });
    expect((await world.t.graphFetch(TENANT, 'GET', `/subscriptions/${id}`)).status).toBe(404);
  });

  it('when the event is unknown or the subscription is not, then the admin says so', async () => {
    const bad = await world.t.admin('POST', `/_admin/subscriptions/${subscriptionId}/lifecycle`, {
      event: 'exploded',
    });
    expect(bad.status).toBe(400);
    const gone = await world.t.admin('POST', '/_admin/subscriptions/nope/lifecycle', {
      event: 'missed',
    });
    expect(gone.status).toBe(404);
  });
});
