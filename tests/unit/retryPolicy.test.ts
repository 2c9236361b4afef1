import { mulberry32 } from '../../dev/seeded';
import { withSignal } from '../../lib/deadline';
import { errorCode } from '../../lib/errors';
import {
  DEFAULT_RETRY_POLICY,
  RetryBudget,
  type RetryDeps,
  realRetryDeps,
} from '../../lib/retryPolicy';

/** A clock that moves only when slept on, and a seeded random. */
function fakeTime(seed = 7): RetryDeps & { waits: number[] } {
  let now = 1_000_000;
  const waits: number[] = [];
  return {
    waits,
    now: () => now,
    random: mulberry32(seed),
    sleep: async (ms) => {
      waits.push(ms);
      now += ms;
    },
  };
}

/** Retries while the budget allows, as every caller does; returns how many were taken. */
async function exhaust(budget: RetryBudget, retryAfter?: string): Promise<number> {
  let retries = 0;
  for (;;) {
    const wait = budget.delayFor(retryAfter);
    if (!budget.allows(wait)) return retries;
    await budget.wait(wait);
    retries++;
  }
}

describe('the retry policy', () => {
  it('when the server names a time, then that is the wait, as seconds or as a date', async () => {
    const time = fakeTime();
    const budget = new RetryBudget(DEFAULT_RETRY_POLICY, time);
    expect(budget.delayFor('2')).toBe(2);
    expect(budget.delayFor(new Date(time.now() + 3000).toUTCString())).toBeCloseTo(3, 0);
  });

  it('when no time is named, then it backs off 1, 2, 4… seconds plus a seeded jitter', async () => {
    const time = fakeTime(42);
    const jitter = mulberry32(42);
    const budget = new RetryBudget(DEFAULT_RETRY_POLICY, time);
    expect(await exhaust(budget)).toBe(4);
    const expected = [1, 2, 4, 8].map((base) => (base + jitter()) * 1000);
    expect(time.waits).toEqual(expected);
  });

  it('when Retry-After repeats, then it stops after 4 retries', async () => {
    const time = fakeTime();
    expect(await exhaust(new RetryBudget(DEFAULT_RETRY_POLICY, time), '1')).toBe(4);
    expect(time.waits).toEqual([1000, 1000, 1000, 1000]);
  });

  it('when one wait would be over 10 s, or all over 30 s, then it gives up before waiting', async () => {
    expect(await exhaust(new RetryBudget(DEFAULT_RETRY_POLICY, fakeTime()), '11')).toBe(0);
    const time = fakeTime();
    expect(await exhaust(new RetryBudget(DEFAULT_RETRY_POLICY, time), '9')).toBe(3);
    expect(time.waits).toEqual([9000, 9000, 9000]);
  });

  it('when the stage aborts during a real wait, then the wait ends at once as stage-timeout', async () => {
    const controller = new AbortController();
    const budget = new RetryBudget(DEFAULT_RETRY_POLICY, realRetryDeps);
    const started = Date.now();
    const waiting = withSignal(controller.signal, () => budget.wait(10));
    setTimeout(() => controller.abort(), 20);
    const err = await waiting.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(errorCode(err)).toBe('stage-timeout');
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('when the stage has already aborted, then it does not sleep at all', async () => {
    const time = fakeTime();
    const budget = new RetryBudget(DEFAULT_RETRY_POLICY, time);
    const err = await withSignal(AbortSignal.abort(), () => budget.wait(1)).catch((e) => e);
    expect(errorCode(err)).toBe('stage-timeout');
    expect(time.waits).toEqual([]);
  });
});
