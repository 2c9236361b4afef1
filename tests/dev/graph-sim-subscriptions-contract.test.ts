/**
 * Contract: the simulator's subscription answers and the notifications it POSTs, validated
 * against the shared OpenAPI subset (graph-sim-openapi.ts), with no property outside the Graph
 * type invented.
 */
import { component, expectValid, operationSchema } from './graph-sim-openapi';
import { TENANT, inHours, subscribe, subscribed, useWorld } from './graph-sim-subscriptions-kit';

const world = useWorld();

const ONE = '/subscriptions/{subscription-id}';

it('when a subscription is created, read, listed, renewed and refused, then every answer fits its operation', async () => {
  const created = await subscribe(world);
  expect(created.status).toBe(201);
  expectValid(operationSchema('/subscriptions', 'post', 201), created.body, 'post 201');
  const id = (created.body as { id: string }).id;
  const got = await world.t.graphFetch(TENANT, 'GET', `/subscriptions/${id}`);
  expectValid(operationSchema(ONE, 'get', 200), got.body, 'get 200');
  const list = await world.t.graphFetch(TENANT, 'GET', '/subscriptions');
  expectValid(operationSchema('/subscriptions', 'get', 200), list.body, 'list 200');
  const renewed = await world.t.graphFetch(TENANT, 'PATCH', `/subscriptions/${id}`, {
    body: { expirationDateTime: inHours(48) },
  });
  expectValid(operationSchema(ONE, 'patch', 200), renewed.body, 'patch 200');
  world.endpoint.answer = () => ({ status: 500 });
  const refused = await subscribe(world);
  expect(refused.status).toBe(400);
  expectValid(operationSchema('/subscriptions', 'post', 400), refused.body, 'post 400');
  const missing = await world.t.graphFetch(TENANT, 'GET', '/subscriptions/nope');
  expectValid(operationSchema(ONE, 'get', 404), missing.body, 'get 404');
});

it('when a change and a lifecycle notification are sent, then both are change notification collections', async () => {
  const id = await subscribed(world, { clientState: 'contract' });
  world.endpoint.received.length = 0;
  await world.send();
  await world.endpoint.waitFor(1);
  await world.t.admin('POST', `/_admin/subscriptions/${id}/lifecycle`, { event: 'missed' });
  const [change, lifecycle] = await world.endpoint.waitFor(2);
  const collection = component('microsoft.graph.changeNotificationCollection');
  expectValid(collection, change, 'change notification');
  expectValid(collection, lifecycle, 'lifecycle notification');
});
