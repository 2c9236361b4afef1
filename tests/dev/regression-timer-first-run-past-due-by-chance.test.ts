/**
 * The local host's timer took "now" at start and the clock again a moment later, after computing
 * the first occurrence; when a second boundary fell between the two (on a busy machine, about
 * one start in a few hundred), the first run was reported `isPastDue` although nothing had been
 * missed, and the host test "runs each second, not past due" failed by chance.
 */
import type { Timer } from '@azure/functions';

import { InFlight, silentLogger } from '../../dev/host/invocation';
import { TimerSchedule } from '../../dev/host/timer';

afterEach(() => {
  jest.restoreAllMocks();
  jest.useRealTimers();
});

it('when the first occurrence comes due while the host computes it at start, then its run is on time, not past due', async () => {
  jest.useFakeTimers({ now: Date.parse('2026-01-01T12:00:00.999Z') });
  const calls: Timer[] = [];
  const realNow = Date.now.bind(Date);
  // Until the first run, clock reads after start's `new Date()` are 2 ms later: past 12:00:01.
  jest.spyOn(Date, 'now').mockImplementation(() => realNow() + (calls.length === 0 ? 2 : 0));
  const schedule = new TimerSchedule({
    name: 'tick',
    options: { schedule: '* * * * * *', handler: (t: Timer) => void calls.push(t) },
    settings: {},
    logger: silentLogger,
    inFlight: new InFlight(),
  });
  schedule.start();
  await jest.advanceTimersByTimeAsync(1500);
  schedule.stop();
  expect(calls[0]?.isPastDue).toBe(false);
  expect(calls.map((c) => Date.parse(c.scheduleStatus.next))).toEqual([
    Date.parse('2026-01-01T12:00:02.000Z'),
    Date.parse('2026-01-01T12:00:03.000Z'),
  ]);
});
