/**
 * A subscription in the Graph simulator once created: renewal, deletion, expiry (an expired
 * subscription is gone) and who may see it.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { mime, startMailSim } from './graph-sim-mail-kit';
import {
  OTHER_TENANT,
  TENANT,
  inHours,
  minutesFromNow,
  sleep,
  subscribed,
  useWorld,
} from './graph-sim-subscriptions-kit';

type Body = Record<string, unknown>;

const world = useWorld();

describe('a subscription once created', () => {
  it('when renewed, then the new expiry is kept under the same limits', async () => {
    const id = await subscribed(world);
    const renewed = await world.t.graphFetch(TENANT, 'PATCH', `/subscriptions/${id}`, {
      body: { expirationDateTime: inHours(100) },
    });
    expect(renewed.status).toBe(200);
    expect(minutesFromNow((renewed.body as Body).expirationDateTime)).toBeGreaterThan(5_990);
    const got = await world.t.graphFetch(TENANT, 'GET', `/subscriptions/${id}`);
    expect((got.body as Body).expirationDateTime).toBe((renewed.body as Body).expirationDateTime);
    const tooFar = await world.t.graphFetch(TENANT, 'PATCH', `/subscriptions/${id}`, {
      body: { expirationDateTime: inHours(24 * 8) },
    });
    expect(tooFar.status).toBe(400);
  });

  it('when deleted, then 204 and it is gone; reauthorize answers 204 while it lives', async () => {
    const id = await subscribed(world);
    expect(
      (await world.t.graphFetch(TENANT, 'POST', `/subscriptions/${id}/reauthorize`)).status,
    ).toBe(204);
    expect((await world.t.graphFetch(TENANT, 'DELETE', `/subscriptions/${id}`)).status).toBe(204);
    expect((await world.t.graphFetch(TENANT, 'GET', `/subscriptions/${id}`)).status).toBe(404);
    expect((await world.t.graphFetch(TENANT, 'DELETE', `/subscriptions/${id}`)).status).toBe(404);
  });

  it('when expired by the admin, then it is gone for every call and no lifecycle event is sent', async () => {
    const id = await subscribed(world);
    world.endpoint.received.length = 0;
    expect((await world.t.admin('POST', `/_admin/subscriptions/${id}/expire`)).status).toBe(204);
    expect((await world.t.graphFetch(TENANT, 'GET', `/subscriptions/${id}`)).status).toBe(404);
    const renew = await world.t.graphFetch(TENANT, 'PATCH', `/subscriptions/${id}`, {
      body: { expirationDateTime: inHours(48) },
    });
    expect(renew.status).toBe(404);
    const list = await world.t.graphFetch(TENANT, 'GET', '/subscriptions');
    expect((list.body as { value: Body[] }).value.map((s) => s.id)).not.toContain(id);
    await sleep(100);
    expect(world.endpoint.received).toEqual([]);
  });

  it('when another tenant asks, then it does not exist there', async () => {
    const id = await subscribed(world);
    const other = await world.t.graphFetch(OTHER_TENANT, 'GET', `/subscriptions/${id}`);
    expect(other.status).toBe(404);
    expect((await world.t.graphFetch(OTHER_TENANT, 'DELETE', `/subscriptions/${id}`)).status).toBe(
      404,
    );
    const list = await world.t.graphFetch(OTHER_TENANT, 'GET', '/subscriptions');
    expect((list.body as { value: unknown[] }).value).toEqual([]);
    const own = await world.t.graphFetch(TENANT, 'GET', '/subscriptions');
    expect((own.body as { value: Body[] }).value.map((s) => s.id)).toContain(id);
  });

  it('when the simulator restarts on its state file, then the subscription lives on and notifies', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'graph-sim-subscriptions-'));
    const file = join(dir, 'state.json');
    const first = await startMailSim(file);
    const id = await subscribed({ t: first.t, endpoint: world.endpoint });
    await first.t.close();
    const second = await startMailSim(file);
    try {
      expect((await second.t.graphFetch(TENANT, 'GET', `/subscriptions/${id}`)).status).toBe(200);
      world.endpoint.received.length = 0;
      await second.deliver(mime('After the restart'));
      const [notification] = await world.endpoint.waitFor(1);
      expect(notification?.value[0]).toMatchObject({ subscriptionId: id });
    } finally {
      await second.t.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
