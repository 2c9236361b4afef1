/**
 * Change notifications from the Graph simulator: sent after a delivery with the subscription's
 * clientState, only for the watched folder, retried when the endpoint fails, then given up.
 */
import {
  MAILBOX,
  TENANT,
  rightAnswer,
  sleep,
  subscribed,
  useWorld,
} from './graph-sim-subscriptions-kit';

const world = useWorld();
let subscriptionId: string;

beforeAll(async () => {
  subscriptionId = await subscribed(world);
});

describe('change notifications', () => {
  it('when a mail is delivered, then the endpoint gets one created notification with the clientState', async () => {
    const id = await world.send();
    const [first] = await world.endpoint.waitFor(1);
    const resource = `Users/${world.userId}/Messages/${id}`;
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
    expect(world.endpoint.received.at(-1)?.path).toBe('/api/mailbox/notify');
    expect(world.endpoint.received.at(-1)?.contentType).toMatch(/^application\/json/);
  });

  it('when the endpoint fails twice, then the notification is retried until it is taken', async () => {
    let calls = 0;
    world.endpoint.answer = () => ({ status: ++calls <= 2 ? 503 : 202 });
    await world.send();
    await world.endpoint.waitFor(3);
    const state = await world.t.admin('GET', '/_admin/notifications');
    expect(state.body).toMatchObject({ delivered: 1, retried: 2, abandoned: 0 });
  });

  it('when the endpoint answers after 3 s, then that counts as a failure and is retried', async () => {
    world.endpoint.answer = () => ({ status: 202, delayMs: 3_200 });
    await world.send();
    await world.endpoint.waitFor(1);
    world.endpoint.answer = rightAnswer;
    await world.endpoint.waitFor(2, 6_000);
    await sleep(100);
    const state = await world.t.admin('GET', '/_admin/notifications');
    expect(state.body).toMatchObject({ delivered: 1, retried: 1, abandoned: 0 });
  });

  it('when the endpoint fails every attempt, then the notification is abandoned after 5', async () => {
    world.endpoint.answer = () => ({ status: 500 });
    await world.send();
    const until = Date.now() + 10_000;
    let state: Record<string, unknown> = {};
    while (Date.now() < until && state.abandoned !== 1) {
      await sleep(100);
      state = (await world.t.admin('GET', '/_admin/notifications')).body as Record<string, unknown>;
    }
    expect(state).toMatchObject({ delivered: 0, retried: 4, abandoned: 1 });
    expect(world.endpoint.notifications()).toHaveLength(5);
  });

  it('when the subscription is gone, then no notification is sent', async () => {
    const id = await subscribed(world, { clientState: 'second' });
    await world.t.admin('POST', `/_admin/subscriptions/${id}/expire`);
    world.endpoint.received.length = 0;
    await world.send();
    await sleep(300);
    const states = world.endpoint.notifications().flatMap((n) => n.value.map((v) => v.clientState));
    expect(states).toEqual(['secret-client-state']);
  });

  it('when a mail is moved out of the inbox, then only a subscription on the whole mailbox hears it', async () => {
    const whole = await subscribed(world, {
      resource: `users/${MAILBOX}/messages`,
      clientState: 'whole-mailbox',
    });
    const id = await world.send();
    await world.endpoint.waitFor(2);
    world.endpoint.received.length = 0;
    const folder = await world.g(
      'POST',
      `/users/${MAILBOX}/mailFolders/msgfolderroot/childFolders`,
      {
        body: { displayName: 'Helpdesk' },
      },
    );
    const moved = await world.g('POST', `/users/${MAILBOX}/messages/${id}/move`, {
      body: { destinationId: (folder.body as { id: string }).id },
      headers: { prefer: 'IdType="ImmutableId"' },
    });
    expect(moved.status).toBe(201);
    await world.endpoint.waitFor(1);
    await sleep(200);
    const states = world.endpoint.notifications().flatMap((n) => n.value.map((v) => v.clientState));
    expect(states).toEqual(['whole-mailbox']);
    await world.t.graphFetch(TENANT, 'DELETE', `/subscriptions/${whole}`);
  });
});
