/**
 * Disabled functions (`AzureWebJobs.<name>.Disabled`, dev/host/disabled.ts), as Azure has them:
 * the trigger of each kind is off (timer not armed, queue not polled, HTTP route 404), and only
 * the master key still runs the function; the function key gets 404.
 */
import type { FunctionDefinition } from '../../functions/definition';
import { type RunningHost, parseHostJson, silentLogger, startFunctionsHost } from '../../dev/host';
import { TEST_MASTER_KEY, testQueue, testSettings, uniqueQueueName } from '../support/stack';

const KEY = testSettings().LOCAL_FUNCTION_KEY ?? '';
const offQueue = uniqueQueueName('host-off');
const onQueue = uniqueQueueName('host-on');
const runs: Record<string, number> = {};
const count = (name: string) => () => void (runs[name] = (runs[name] ?? 0) + 1);

// Each disabled function has an enabled twin with the same trigger: once the twin has run, the
// disabled one would have run too had its trigger been started.
const definitions: FunctionDefinition[] = [
  ...['tickOff', 'tickOn'].map((name) => ({
    name,
    trigger: 'timer' as const,
    options: { schedule: '* * * * * *', handler: count(name) },
  })),
  ...[
    ['queueOff', offQueue],
    ['queueOn', onQueue],
  ].map(([name = '', queueName = '']) => ({
    name,
    trigger: 'storageQueue' as const,
    options: { queueName, connection: 'AzureWebJobsStorage', handler: count(name) },
  })),
  {
    name: 'hidden',
    trigger: 'http',
    options: { methods: ['GET'], authLevel: 'anonymous', handler: () => ({ body: 'ran' }) },
  },
];

const disabled = {
  'AzureWebJobs.tickOff.Disabled': 'true',
  'AzureWebJobs.queueOff.Disabled': 'True',
  'AzureWebJobs.hidden.Disabled': '1',
};

let host: RunningHost;

beforeAll(async () => {
  // Queued before the host starts: both listeners would find their message on the first poll.
  for (const name of [offQueue, onQueue]) {
    await (await testQueue(name)).sendMessage(Buffer.from('{}').toString('base64'));
  }
  host = await startFunctionsHost({
    definitions,
    config: parseHostJson({ extensions: { queues: { maxPollingInterval: '00:00:00.500' } } }),
    settings: { ...testSettings(), ...disabled },
    port: 0,
    logger: silentLogger,
  });
});

afterAll(() => host?.stop());

async function until(what: string, done: () => Promise<boolean> | boolean): Promise<void> {
  for (let i = 0; i < 300 && !(await done()); i += 1) await new Promise((r) => setTimeout(r, 100));
  if (!(await done())) throw new Error(`timed out waiting for ${what}`);
}

const admin = (name: string, key?: string) =>
  fetch(`${host.url}/admin/functions/${name}`, {
    method: 'POST',
    headers: key ? { 'x-functions-key': key } : {},
    body: JSON.stringify({ input: '' }),
  });

const get = (path: string, key?: string) =>
  fetch(`${host.url}${path}`, { headers: key ? { 'x-functions-key': key } : {} });

it('when a timer is disabled, then its schedule never fires, while its enabled twin runs', async () => {
  await until('the enabled timer to run twice', () => (runs.tickOn ?? 0) >= 2);
  expect(runs.tickOff).toBeUndefined();
});

it('when a queue function is disabled, then its queue is not polled and the message stays', async () => {
  await until('the enabled queue function', () => (runs.queueOn ?? 0) >= 1);
  const peeked = await (await testQueue(offQueue)).peekMessages();
  expect(peeked.peekedMessageItems).toHaveLength(1);
  expect(runs.queueOff).toBeUndefined();
});

it('when an HTTP function is disabled, then it answers 404 to any key but the master key', async () => {
  expect((await get('/api/hidden')).status).toBe(404);
  expect((await get('/api/hidden', KEY)).status).toBe(404);
  const withMaster = await get('/api/hidden', TEST_MASTER_KEY);
  expect(withMaster.status).toBe(200);
  expect(await withMaster.text()).toBe('ran');
});

it('when a disabled timer is run through the admin API, then only the master key runs it (404 for the function key)', async () => {
  expect((await admin('tickOff')).status).toBe(401);
  expect((await admin('tickOff', KEY)).status).toBe(404);
  expect(runs.tickOff).toBeUndefined();
  expect((await admin('tickOff', TEST_MASTER_KEY)).status).toBe(202);
  await until('the requested run', () => runs.tickOff === 1);
});

it('when an enabled timer is run through the admin API, then the master key and the function key both run it', async () => {
  expect((await admin('tickOn', TEST_MASTER_KEY)).status).toBe(202);
  expect((await admin('tickOn', KEY)).status).toBe(202);
});
