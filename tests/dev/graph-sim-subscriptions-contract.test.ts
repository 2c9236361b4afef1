/**
 * Contract: the simulator's subscription answers and the notifications it POSTs, validated
 * against the shared OpenAPI subset (graph-sim-openapi.ts), with no property outside the Graph
 * type invented.
 */
import type { TestSimulator } from '../../dev/graph-sim/testing';
import { component, expectValid, operationSchema } from './graph-sim-openapi';
import {
  type Endpoint,
  TENANT,
  type World,
  inHours,
  rightAnswer,
  startWorld,
  subscribe,
} from './graph-sim-subscriptions-kit';

let world: World;
let t: TestSimulator;
let endpoint: Endpoint;

beforeAll(async () => {
  world = await startWorld();
  ({ t, endpoint } = world);
});

afterAll(() => world.close());

const ONE = '/subscriptions/{subscription-id}';

it('when a subscription is created, read, listed, renewed and refused, then every answer fits its operation', async () => {
  const created = await subscribe(t, endpoint);
  expect(created.status).toBe(201);
  expectValid(operationSchema('/subscriptions', 'post', 201), created.body, 'post 201');
  const id = (created.body as { id: string }).id;
  const got = await t.graphFetch(TENANT, 'GET', `/subscriptions/${id}`);
  expectValid(operationSchema(ONE, 'get', 200), got.body, 'get 200');
  const list = await t.graphFetch(TENANT, 'GET', '/subscriptions');
  expectValid(operationSchema('/subscriptions', 'get', 200), list.body, 'list 200');
  const renewed = await t.graphFetch(TENANT, 'PATCH', `/subscriptions/${id}`, {
    body: { expirationDateTime: inHours(48) },
  });
  expectValid(operationSchema(ONE, 'patch', 200), renewed.body, 'patch 200');
  endpoint.answer = () => ({ status: 500 });
  const refused = await subscribe(t, endpoint);
  expect(refused.status).toBe(400);
  expectValid(operationSchema('/subscriptions', 'post', 400), refused.body, 'post 400');
  const missing = await t.graphFetch(TENANT, 'GET', '/subscriptions/nope');
  expectValid(operationSchema(ONE, 'get', 404), missing.body, 'get 404');
});

it('when a change and a lifecycle notification are sent, then both are change notification collections', async () => {
  endpoint.answer = rightAnswer;
  const created = await subscribe(t, endpoint, { clientState: 'contract' });
  const id = (created.body as { id: string }).id;
  endpoint.received.length = 0;
  await world.send();
  await endpoint.waitFor(1);
  await t.admin('POST', `/_admin/subscriptions/${id}/lifecycle`, { event: 'missed' });
  const [change, lifecycle] = await endpoint.waitFor(2);
  const collection = component('microsoft.graph.changeNotificationCollection');
  expectValid(collection, change, 'change notification');
  expectValid(collection, lifecycle, 'lifecycle notification');
});
