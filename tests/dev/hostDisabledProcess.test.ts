/**
 * The test stack's host process starts with the outbox disabled (tests/support/stack.ts), reads
 * `AzureWebJobs.<name>.Disabled` and the master key from its environment as Azure's host reads
 * app settings, and runs the outbox only for the master key.
 */
import { TEST_MASTER_KEY, type TestHost, startHost, testSettings } from '../support/stack';

const KEY = testSettings().LOCAL_FUNCTION_KEY ?? '';
let host: TestHost;

beforeAll(async () => {
  host = await startHost({
    DEV_HOST_FUNCTIONS: 'tests/dev/hostDisabledFunctions.ts',
    'AzureWebJobs.hello.Disabled': 'true',
  });
}, 90_000);

afterAll(() => host?.stop());

const runOutbox = (key: string) =>
  fetch(`${host.url}/admin/functions/outbox`, {
    method: 'POST',
    headers: { 'x-functions-key': key },
    body: JSON.stringify({ input: '' }),
  });

const outboxRuns = async (): Promise<number> =>
  ((await (await fetch(`${host.url}/api/outboxRuns`)).json()) as { runs: number }).runs;

it('when a test host starts, then its outbox is disabled: the function key gets 404, the master key runs it', async () => {
  expect((await runOutbox(KEY)).status).toBe(404);
  expect(await outboxRuns()).toBe(0);
  expect((await runOutbox(TEST_MASTER_KEY)).status).toBe(202);
  for (let i = 0; i < 100 && (await outboxRuns()) === 0; i += 1) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  expect(await outboxRuns()).toBe(1);
});

it('when a function is disabled in the host process environment, then its route answers 404 but to the master key', async () => {
  expect((await fetch(`${host.url}/api/hello`)).status).toBe(404);
  const res = await fetch(`${host.url}/api/hello`, {
    headers: { 'x-functions-key': TEST_MASTER_KEY },
  });
  expect(res.status).toBe(200);
});
