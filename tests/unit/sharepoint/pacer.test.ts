/**
 * The RateLimit pacer on its own, with a fake clock: no wait without the headers, the remaining
 * units spread evenly up to the reset, a wait until the reset once they are spent, never more than
 * MAX_PACE_SECONDS, and back to full speed when the headers stop.
 */
import type { Context, Middleware } from '@microsoft/microsoft-graph-client';

import { MAX_PACE_SECONDS, RateLimitPacer, readRateLimit } from '../../../lib/sharepoint/pacer';

type Limit = { remaining: number; reset: number } | undefined;

/** Answers each request with the next RateLimit state (undefined: no headers). */
function server(limits: Limit[]): Middleware {
  let n = 0;
  return {
    async execute(context: Context) {
      const limit = limits[Math.min(n++, limits.length - 1)];
      const headers: Record<string, string> = limit
        ? {
            'RateLimit-Limit': '20',
            'RateLimit-Remaining': String(limit.remaining),
            'RateLimit-Reset': String(limit.reset),
          }
        : {};
      context.response = new Response('{}', { status: 200, headers });
    },
  };
}

/** Sends `count` requests one after another; returns the waits in seconds. */
async function waits(limits: Limit[], count: number): Promise<number[]> {
  let now = 0;
  const slept: number[] = [];
  const pacer = new RateLimitPacer({
    now: () => now,
    sleep: async (ms) => {
      slept.push(ms / 1000);
      now += ms;
    },
  });
  pacer.setNext(server(limits));
  for (let i = 0; i < count; i++) {
    const before = now;
    await pacer.execute({ request: 'https://graph/x', options: { method: 'GET' } });
    if (now === before) slept.push(0);
  }
  return slept;
}

describe('RateLimit pacer', () => {
  it('when no RateLimit headers come, then requests go at full speed', async () => {
    expect(await waits([undefined], 5)).toEqual([0, 0, 0, 0, 0]);
  });

  it('when 4 units are left for 9 s, then the next two requests go 3 s apart and the third waits for the reset', async () => {
    // Each answer repeats the server's view: 4 left (reset 9 s) → 2 left (6 s) → 0 left (3 s).
    const limits = [
      { remaining: 4, reset: 9 },
      { remaining: 2, reset: 6 },
      { remaining: 0, reset: 3 },
      undefined,
    ];
    expect(await waits(limits, 4)).toEqual([0, 3, 3, 3]);
  });

  it('when the reset is far, then one wait is never longer than MAX_PACE_SECONDS', async () => {
    const slept = await waits([{ remaining: 0, reset: 59 }], 3);
    expect(slept).toEqual([0, MAX_PACE_SECONDS, MAX_PACE_SECONDS]);
  });

  it('when the window has reset, then the pacer forgets it', async () => {
    expect(await waits([{ remaining: 0, reset: 2 }, undefined], 3)).toEqual([0, 2, 0]);
  });

  it('when the headers are malformed, then they are ignored rather than obeyed', () => {
    const h = (remaining: string, reset: string) =>
      new Headers({ 'RateLimit-Remaining': remaining, 'RateLimit-Reset': reset });
    expect(readRateLimit(h('x', '5'), 0)).toBeUndefined();
    expect(readRateLimit(h('5', '-1'), 0)).toBeUndefined();
    expect(readRateLimit(h('5', '999999'), 0)).toBeUndefined();
    expect(readRateLimit(h('5', '7'), 1000)).toEqual({ remaining: 5, resetAt: 8000 });
  });
});
