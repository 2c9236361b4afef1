/**
 * The host as the stack runs it (`tsx dev/host/main.ts` in its own process): configuration
 * checked at start, graceful stop, and a crash in the middle of a message, which must end with
 * the message delivered again to the next host, as Azure does after a worker dies.
 */
import { HOST_FUNCTIONS_MODULE } from '../support/hostFunctions';
import { startHost, testQueue, uniqueQueueName } from '../support/stack';

interface Seen {
  phase: 'started' | 'done';
  item: unknown;
  dequeueCount: number;
}

async function until<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  ms = 30_000,
): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function seen(url: string): Promise<Seen[]> {
  return (await (await fetch(`${url}/api/seen`)).json()) as Seen[];
}

const queueName = uniqueQueueName('host-crash');
const env = {
  DEV_HOST_FUNCTIONS: HOST_FUNCTIONS_MODULE,
  TEST_HOST_QUEUE: queueName,
  // The shortest lease the host accepts: a crashed delivery comes back within seconds.
  DEV_HOST_QUEUE_LEASE_SECONDS: '3',
};

it('when a setting is invalid, then the host exits at once with one line naming the key', async () => {
  await expect(startHost({ ...env, DATA_REGION: 'eastus' })).rejects.toThrow(
    /^host: exited \(1\) before it was ready: host: DATA_REGION: 'eastus' is not an EU Azure region$/,
  );
});

it('when stopped with SIGTERM, then a running request still completes and the host exits 0', async () => {
  const host = await startHost(env);
  const pending = fetch(`${host.url}/api/slow`);
  // Stop once the request has reached its handler, not after a guessed delay: on a busy machine
  // the host may not have accepted it yet, and a request that never arrived is not "running".
  await until('the slow request to start', async () => {
    const { started } = (await (await fetch(`${host.url}/api/slowStarted`)).json()) as {
      started: number;
    };
    return started > 0 ? true : undefined;
  });
  const stopped = host.stop();
  const res = await pending;
  expect(res.status).toBe(200);
  expect(await res.json()).toEqual({ done: true });
  await stopped;
  expect(await host.exited).toBe(0);
});

it('when the host is killed during a message, then the next host gets it again with dequeueCount 2', async () => {
  const queue = await testQueue(queueName);
  const first = await startHost(env);
  await queue.sendMessage(Buffer.from(JSON.stringify({ hangOnFirst: true })).toString('base64'));
  await until('the first delivery', async () =>
    (await seen(first.url)).find((s) => s.phase === 'started' && s.dequeueCount === 1),
  );
  await first.kill();
  expect(await first.exited).toBe('SIGKILL');

  const second = await startHost(env);
  const done = await until('the redelivery', async () =>
    (await seen(second.url)).find((s) => s.phase === 'done'),
  );
  expect(done).toEqual({ phase: 'done', item: { hangOnFirst: true }, dequeueCount: 2 });
  await until('the message to be deleted', async () =>
    (await queue.getProperties()).approximateMessagesCount === 0 ? true : undefined,
  );
  await second.stop();
});
