/**
 * The local Functions host in-process, against the test stack's Azurite: HTTP routing and keys,
 * failures that never leak a stack, queue delivery / retry / poison semantics, timers.
 */
import { Readable } from 'node:stream';

import type { InvocationContext, Timer } from '@azure/functions';
import type { QueueClient } from '@azure/storage-queue';

import type { FunctionDefinition } from '../../functions/definition';
import { type RunningHost, parseHostJson, silentLogger, startFunctionsHost } from '../../dev/host';
import { testQueue, testSettings, uniqueQueueName } from '../support/stack';

const KEY = testSettings().LOCAL_FUNCTION_KEY ?? '';

interface Delivery {
  item: unknown;
  metadata: Record<string, unknown>;
}

const okQueue = uniqueQueueName('host-ok');
const failQueue = uniqueQueueName('host-fail');
const delivered: Delivery[] = [];
const failedAttempts: number[] = [];
const timerCalls: Timer[] = [];

const definitions: FunctionDefinition[] = [
  {
    name: 'echo',
    trigger: 'http',
    options: {
      route: 'echo/{id:int?}',
      methods: ['GET', 'POST'],
      authLevel: 'anonymous',
      handler: async (req) => ({
        status: 200,
        headers: { 'x-echo': 'yes' },
        jsonBody: {
          method: req.method,
          params: req.params,
          q: req.query.get('q'),
          body: await req.text(),
        },
      }),
    },
  },
  {
    name: 'secret',
    trigger: 'http',
    options: {
      methods: ['GET'],
      authLevel: 'function',
      handler: () => ({ jsonBody: { ok: true } }),
    },
  },
  {
    name: 'boom',
    trigger: 'http',
    options: {
      authLevel: 'anonymous',
      handler: () => {
        throw new Error('kaboom: requester@example.com');
      },
    },
  },
  {
    name: 'stream',
    trigger: 'http',
    options: {
      methods: ['GET'],
      authLevel: 'anonymous',
      handler: () => ({ body: Readable.from([Buffer.from('part1,'), Buffer.from('part2')]) }),
    },
  },
  {
    name: 'preflight',
    trigger: 'http',
    options: {
      methods: ['OPTIONS'],
      authLevel: 'anonymous',
      handler: () => ({ status: 204, headers: { 'access-control-allow-origin': '*' } }),
    },
  },
  {
    name: 'okQueue',
    trigger: 'storageQueue',
    options: {
      queueName: okQueue,
      connection: 'AzureWebJobsStorage',
      handler: (item: unknown, context: InvocationContext) => {
        delivered.push({ item, metadata: { ...context.triggerMetadata } });
      },
    },
  },
  {
    name: 'failQueue',
    trigger: 'storageQueue',
    options: {
      queueName: failQueue,
      connection: '',
      handler: (_item: unknown, context: InvocationContext) => {
        failedAttempts.push(Number(context.triggerMetadata?.dequeueCount));
        throw new Error('always fails');
      },
    },
  },
  {
    name: 'startup',
    trigger: 'timer',
    // Once a year (1 January, midnight): only runOnStartup can have run it during the test.
    options: {
      schedule: '0 0 0 1 1 *',
      runOnStartup: true,
      handler: (t: Timer) => void timerCalls.push(t),
    },
  },
];

// Short retry delay and few attempts so that poisoning takes seconds.
const config = parseHostJson({
  extensions: {
    queues: {
      maxDequeueCount: 3,
      visibilityTimeout: '00:00:01',
      batchSize: 4,
      newBatchThreshold: 2,
      maxPollingInterval: '00:00:00.500',
      messageEncoding: 'base64',
    },
  },
});

const base64 = (text: string): string => Buffer.from(text, 'utf8').toString('base64');

async function until<T>(
  what: string,
  probe: () => Promise<T | undefined> | T | undefined,
  ms = 20_000,
): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function count(queue: QueueClient): Promise<number> {
  return (await queue.getProperties()).approximateMessagesCount ?? 0;
}

let host: RunningHost;

beforeAll(async () => {
  host = await startFunctionsHost({
    definitions,
    config,
    settings: testSettings(),
    port: 0,
    logger: silentLogger,
    queueLeaseSeconds: 5,
  });
});

afterAll(async () => {
  await host?.stop();
});

describe('HTTP trigger', () => {
  it('when a route matches, then the handler gets method, route params, query and body', async () => {
    const res = await fetch(`${host.url}/api/echo/42?q=hello`, {
      method: 'POST',
      body: 'raw mail',
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-echo')).toBe('yes');
    expect(await res.json()).toEqual({
      method: 'POST',
      params: { id: '42' },
      q: 'hello',
      body: 'raw mail',
    });
  });

  it('when an optional parameter is left out or breaks its constraint, then it is absent or 404', async () => {
    expect((await fetch(`${host.url}/api/ECHO`)).status).toBe(200);
    expect((await fetch(`${host.url}/api/echo/abc`)).status).toBe(404);
  });

  it('when no function serves the route or the method, then 404 with a JSON error', async () => {
    const res = await fetch(`${host.url}/api/nothing-here`);
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: 'not_found' });
    expect((await fetch(`${host.url}/api/secret`, { method: 'DELETE' })).status).toBe(404);
  });

  it('when a function needs a key, then without or with a wrong key it is 401', async () => {
    const none = await fetch(`${host.url}/api/secret`);
    expect(none.status).toBe(401);
    expect(await none.json()).toMatchObject({ error: 'unauthorized' });
    const wrong = await fetch(`${host.url}/api/secret`, { headers: { 'x-functions-key': 'nope' } });
    expect(wrong.status).toBe(401);
    expect((await fetch(`${host.url}/api/secret?code=nope`)).status).toBe(401);
  });

  it('when the key is in x-functions-key or ?code=, then the function runs', async () => {
    const header = await fetch(`${host.url}/api/secret`, { headers: { 'x-functions-key': KEY } });
    expect(header.status).toBe(200);
    expect(await header.json()).toEqual({ ok: true });
    const query = await fetch(`${host.url}/api/secret?code=${encodeURIComponent(KEY)}`);
    expect(query.status).toBe(200);
  });

  it('when a handler throws, then 500 with a short JSON error and no stack or message', async () => {
    const res = await fetch(`${host.url}/api/boom`);
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(JSON.parse(text)).toMatchObject({ error: 'internal', invocationId: expect.any(String) });
    expect(text).not.toMatch(/kaboom|requester@|at .*\.ts|Error:/);
  });

  it('when a handler answers with a stream, then the body is streamed through', async () => {
    const res = await fetch(`${host.url}/api/stream`);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('part1,part2');
  });

  it('when a function lists OPTIONS, then OPTIONS is routed to it', async () => {
    const res = await fetch(`${host.url}/api/preflight`, { method: 'OPTIONS' });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
  });

  it('when a body is over the cap, then the host answers 413 without calling the function', async () => {
    const small = await startFunctionsHost({
      // HTTP only: a second host must not also consume the queues or run the startup timer.
      definitions: definitions.filter((d) => d.trigger === 'http'),
      config,
      settings: { ...testSettings(), MAIL_MAX_BYTES: '1024' },
      port: 0,
      logger: silentLogger,
    });
    try {
      // The cap is MAIL_MAX_BYTES + 1 MiB, so the function still sees mails a little too large.
      const justOver = await fetch(`${small.url}/api/echo`, {
        method: 'POST',
        body: 'x'.repeat(2048),
      });
      expect(justOver.status).toBe(200);
      const huge = await fetch(`${small.url}/api/echo`, {
        method: 'POST',
        body: Buffer.alloc(1024 * 1024 + 2048, 120),
      });
      expect(huge.status).toBe(413);
      expect(await huge.json()).toMatchObject({ error: 'payload_too_large' });
    } finally {
      await small.stop();
    }
  });
});

describe('storage queue trigger', () => {
  it('when a base64 JSON message arrives, then the handler gets the object and metadata, and it is deleted', async () => {
    const queue = await testQueue(okQueue);
    await queue.sendMessage(base64(JSON.stringify({ mailId: 'm-1', n: 1 })));
    const delivery = await until('the delivery', () => delivered[0]);
    expect(delivery.item).toEqual({ mailId: 'm-1', n: 1 });
    expect(delivery.metadata).toMatchObject({
      id: expect.any(String),
      dequeueCount: 1,
      popReceipt: expect.any(String),
      insertionTime: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      expirationTime: expect.any(String),
      nextVisibleTime: expect.any(String),
    });
    await until('the message to be deleted', async () =>
      (await count(queue)) === 0 ? true : undefined,
    );
  });

  it('when a message is not JSON, then the handler gets the decoded string', async () => {
    const queue = await testQueue(okQueue);
    await queue.sendMessage(base64('plain words'));
    const delivery = await until('the delivery', () =>
      delivered.find((d) => d.item === 'plain words'),
    );
    expect(delivery.metadata.queueTrigger).toBe('plain words');
  });

  it('when the handler always fails, then after exactly maxDequeueCount attempts the original text is in <queue>-poison', async () => {
    const queue = await testQueue(failQueue);
    const text = base64(JSON.stringify({ mailId: 'doomed' }));
    await queue.sendMessage(text);
    const poison = await testQueue(`${failQueue}-poison`);
    const poisoned = await until('the poison message', async () => {
      const [first] = (await poison.peekMessages()).peekedMessageItems;
      return first;
    });
    expect(poisoned.messageText).toBe(text);
    expect(failedAttempts).toEqual([1, 2, 3]);
    expect(await count(queue)).toBe(0);
  });
});

describe('timer trigger', () => {
  it('when runOnStartup is set, then the function ran at start with a Timer object', async () => {
    const timer = await until('the startup run', () => timerCalls[0]);
    expect(timer.isPastDue).toBe(false);
    expect(new Date(timer.scheduleStatus.next).getUTCMonth()).toBe(0);
    expect(timerCalls).toHaveLength(1);
  });
});

describe('timer trigger on schedule', () => {
  it('when a schedule fires every second, then the function runs each second, not past due', async () => {
    const calls: Timer[] = [];
    const ticking = await startFunctionsHost({
      definitions: [
        {
          name: 'tick',
          trigger: 'timer',
          options: { schedule: '* * * * * *', handler: (t: Timer) => void calls.push(t) },
        },
      ],
      config,
      settings: testSettings(),
      port: 0,
      logger: silentLogger,
    });
    try {
      // Two runs take about 2 s; the default 20 s wait leaves a busy machine room.
      await until('two runs', () => (calls.length >= 2 ? calls : undefined));
    } finally {
      await ticking.stop();
    }
    const [first, second] = calls as [Timer, Timer];
    expect(first.isPastDue).toBe(false);
    // The second run's `last` is the first run's occurrence, one second before the first's `next`.
    expect(Date.parse(second.scheduleStatus.last)).toBe(
      Date.parse(first.scheduleStatus.next) - 1000,
    );
    const count = calls.length;
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(calls.length).toBe(count); // stopped: no more runs
  });
});
