/**
 * The test stack that globalSetup started: its settings reach the tests through process.env,
 * and each service answers where the settings say.
 */
import { TEST_PORTS, testQueue, testSettings, uniqueQueueName } from '../support/stack';

const settings = testSettings();

it('when tests run, then the test settings are in process.env, on the test ports', () => {
  for (const key of Object.keys(TEST_PORTS)) expect(process.env[key]).toBe(settings[key]);
  expect(process.env.AzureWebJobsStorage).toBe(settings.AzureWebJobsStorage);
  expect(settings.AzureWebJobsStorage).toContain(`127.0.0.1:${settings.AZURITE_QUEUE_PORT}/`);
  expect(process.env.COSMOS_ENDPOINT).toBe(`https://localhost:${settings.COSMOS_PORT}`);
  expect(process.env.GRAPH_BASE_URL).toBe(`https://localhost:${settings.GRAPH_SIM_PORT}`);
  // Secrets the example file leaves empty are generated (dev/secrets.ts).
  expect(process.env.LICENSE_SIGNING_KEYS).toBeTruthy();
  expect(settings.LOG_MASTER_KEY).toBe(process.env.LOG_MASTER_KEY);
});

it('when a message is sent to the test Azurite, then it can be received back', async () => {
  const queue = await testQueue(uniqueQueueName('stack'));
  await queue.sendMessage('hello');
  const { receivedMessageItems } = await queue.receiveMessages();
  expect(receivedMessageItems.map((m) => m.messageText)).toEqual(['hello']);
  await queue.delete();
});

it('when the Cosmos server is asked for its account, then it answers over TLS from an EU region', async () => {
  const res = await fetch(`${settings.COSMOS_ENDPOINT}/`);
  expect(res.status).toBe(200);
  const account = (await res.json()) as { writableLocations: { name: string }[] };
  expect(account.writableLocations.map((l) => l.name)).toEqual(['West Europe']);
});

it('when the Graph simulator is asked for its health, then 200', async () => {
  const res = await fetch(`${settings.GRAPH_BASE_URL}/_admin/health`);
  expect(res.status).toBe(200);
});
