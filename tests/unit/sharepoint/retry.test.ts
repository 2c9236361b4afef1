import type { Context, Middleware } from '@microsoft/microsoft-graph-client';

import {
  AtMostOnce,
  BoundedRetryHandler,
  DEFAULT_RETRY_POLICY,
  type RetryDeps,
  backoffSeconds,
  isReplayable,
  retryAfterSeconds,
  validateRetryPolicy,
} from '../../../lib/sharepoint/retry';

/** Answers with the given statuses in turn; the last one repeats. */
function scripted(statuses: [number, string?][]): Middleware & { calls: number } {
  const next = {
    calls: 0,
    async execute(context: Context) {
      const [status, retryAfter] = statuses[Math.min(next.calls, statuses.length - 1)]!;
      next.calls++;
      context.response = new Response('{}', {
        status,
        headers: retryAfter === undefined ? {} : { 'Retry-After': retryAfter },
      });
    },
  };
  return next;
}

function clock(): RetryDeps & { waits: number[] } {
  let now = 0;
  const waits: number[] = [];
  return {
    waits,
    now: () => now,
    random: () => 0.5,
    sleep: async (ms) => {
      waits.push(ms);
      now += ms;
    },
  };
}

async function run(
  statuses: [number, string?][],
  body: unknown = '{"fields":{}}',
  once = false,
): Promise<{ status: number | undefined; calls: number; waits: number[] }> {
  const deps = clock();
  const handler = new BoundedRetryHandler(DEFAULT_RETRY_POLICY, deps);
  const next = scripted(statuses);
  handler.setNext(next);
  // The SDK's MiddlewareControl, as a request's middlewareOptions([...]) builds it.
  const options = once ? [new AtMostOnce()] : [];
  const middlewareControl = {
    getMiddlewareOptions: (fn: unknown) => options.find((o) => o.constructor === fn),
  } as Context['middlewareControl'];
  const context: Context = {
    request: 'https://graph/x',
    options: { method: 'POST', body: body as never },
    middlewareControl,
  };
  await handler.execute(context);
  return { status: context.response?.status, calls: next.calls, waits: deps.waits };
}

describe('bounded retry', () => {
  it('when a request must reach Graph at most once, then a 503 or 504 is not retried but a 429 is', async () => {
    expect(await run([[503, '0'], [202]], 'bWltZQ==', true)).toMatchObject({
      status: 503,
      calls: 1,
    });
    expect(await run([[504], [202]], 'bWltZQ==', true)).toMatchObject({ status: 504, calls: 1 });
    expect(await run([[429, '1'], [202]], 'bWltZQ==', true)).toMatchObject({
      status: 202,
      calls: 2,
    });
  });

  it('when Graph throttles with Retry-After, then the request waits that long and succeeds', async () => {
    const r = await run([[429, '2'], [503, '0.05'], [201]]);
    expect(r).toEqual({ status: 201, calls: 3, waits: [2000, 50] });
  });

  it('when throttling persists, then it gives up after 4 retries with the 429', async () => {
    const r = await run([[429, '1']]);
    expect(r).toEqual({ status: 429, calls: 5, waits: [1000, 1000, 1000, 1000] });
  });

  it('when Retry-After is longer than one wait may be, then it gives up at once', async () => {
    const r = await run([[429, '120']]);
    expect(r).toEqual({ status: 429, calls: 1, waits: [] });
  });

  it('when the waits would pass the total budget of 30 s, then it stops before', async () => {
    const r = await run([[429, '9']]);
    expect(r.waits).toEqual([9000, 9000, 9000]);
    expect(r.calls).toBe(4);
  });

  it('when there is no Retry-After, then it backs off exponentially with jitter', async () => {
    const r = await run([[504], [504], [200]]);
    expect(r.waits).toEqual([1500, 2500]);
  });

  it.each([400, 401, 403, 404, 409, 500])(
    'when Graph answers %i, then nothing is retried',
    async (s) => {
      expect(await run([[s, '1']])).toEqual({ status: s, calls: 1, waits: [] });
    },
  );

  it('when the body is a stream, then it is not replayed', async () => {
    const stream = new ReadableStream();
    expect((await run([[429, '1']], stream)).calls).toBe(1);
  });
});

describe('retry policy pieces', () => {
  it('reads Retry-After as seconds, fractions or an HTTP date', () => {
    expect(retryAfterSeconds('3', 0)).toBe(3);
    expect(retryAfterSeconds('0.05', 0)).toBe(0.05);
    expect(retryAfterSeconds('Thu, 01 Jan 1970 00:00:10 GMT', 4000)).toBe(6);
    expect(retryAfterSeconds('Thu, 01 Jan 1970 00:00:10 GMT', 20000)).toBe(0);
    expect(retryAfterSeconds('soon', 0)).toBeUndefined();
    expect(retryAfterSeconds(null, 0)).toBeUndefined();
  });

  it('backs off from the base', () => {
    const p = DEFAULT_RETRY_POLICY;
    expect([1, 2, 3].map((n) => backoffSeconds(p, n, () => 0))).toEqual([1, 2, 4]);
  });

  it('knows replayable bodies', () => {
    expect(isReplayable(undefined)).toBe(true);
    expect(isReplayable('x')).toBe(true);
    expect(isReplayable(Buffer.from('x'))).toBe(true);
    expect(isReplayable(new ReadableStream())).toBe(false);
  });

  it.each([
    { maxRetries: -1 },
    { maxRetries: 1.5 },
    { maxWaitSeconds: 0 },
    { totalWaitSeconds: Number.NaN },
    { baseDelaySeconds: 500 },
  ])('refuses a policy with %j', (bad) => {
    expect(() => validateRetryPolicy({ ...DEFAULT_RETRY_POLICY, ...bad })).toThrow(RangeError);
  });
});
