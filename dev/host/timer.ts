/**
 * The timer trigger: NCRONTAB schedules with six fields ("{second} {minute} {hour} {day} {month}
 * {day-of-week}") or a TimeSpan "hh:mm:ss", `%SETTING%` resolved from the app settings as the host
 * does, times in UTC unless WEBSITE_TIME_ZONE says otherwise. Like the host, one function's runs
 * never overlap: an occurrence missed while the previous run was still going fires once, late,
 * with `isPastDue`. Unlike the host, no schedule monitor persists the last run across restarts.
 */
import type { Timer, TimerFunctionOptions } from '@azure/functions';
import { CronExpressionParser } from 'cron-parser';

import { parseDuration } from './hostJson';
import { type HostLogger, type InFlight, describeError, invoke, newContext } from './invocation';

// setTimeout holds at most 2^31-1 ms (~24.8 days); longer waits are re-armed in steps.
const MAX_TIMEOUT_MS = 2 ** 31 - 1;
// What the host reports as the previous run before the first one.
const NEVER = '0001-01-01T00:00:00.000Z';

export interface TimerOptions {
  name: string;
  options: TimerFunctionOptions;
  settings: Record<string, string>;
  logger: HostLogger;
  inFlight: InFlight;
}

type NextAfter = (after: Date) => Date;

/** The schedule as a "next occurrence after" function; throws naming the function when invalid. */
export function compileSchedule(
  name: string,
  schedule: string,
  settings: Record<string, string>,
): NextAfter {
  const resolved = schedule.trim().replace(/^%(\w+)%$/, (_m, key: string) => {
    const value = settings[key]?.trim();
    if (!value) throw new Error(`timer '${name}': schedule setting ${key} is not set`);
    return value;
  });
  if (/^(\d+\.)?\d{1,2}:\d{2}:\d{2}$/.test(resolved)) {
    const every = parseDuration(resolved, `timer '${name}' schedule`);
    if (every <= 0) throw new Error(`timer '${name}': schedule interval must be positive`);
    return (after) => new Date(after.getTime() + every);
  }
  if (resolved.split(/\s+/).length !== 6) {
    throw new Error(`timer '${name}': schedule '${resolved}' must have six fields (NCRONTAB)`);
  }
  const tz = settings.WEBSITE_TIME_ZONE?.trim() || 'UTC';
  try {
    CronExpressionParser.parse(resolved, { tz });
  } catch (err) {
    throw new Error(`timer '${name}': schedule '${resolved}' is not valid`, { cause: err });
  }
  return (after) =>
    CronExpressionParser.parse(resolved, { currentDate: after, tz }).next().toDate();
}

export class TimerSchedule {
  readonly #o: TimerOptions;
  readonly #nextAfter: NextAfter;
  #timer: NodeJS.Timeout | undefined;
  #stopped = false;
  #last = NEVER;
  #previous: Promise<void> = Promise.resolve();

  get name(): string {
    return this.#o.name;
  }

  constructor(o: TimerOptions) {
    this.#o = o;
    this.#nextAfter = compileSchedule(o.name, o.options.schedule, o.settings);
  }

  start(): void {
    const now = new Date();
    if (this.#o.options.runOnStartup) this.#run(now, false, now);
    else this.#arm(now, false);
  }

  stop(): void {
    this.#stopped = true;
    clearTimeout(this.#timer);
  }

  /**
   * `missed`: whether an occurrence already due was missed (a run overran it). At start none was:
   * one that came due while it was computed (a second boundary passing) is on time.
   */
  #arm(after: Date, missed = true): void {
    if (this.#stopped) return;
    const due = this.#nextAfter(after);
    const wait = due.getTime() - Date.now();
    if (wait <= 0) {
      this.#run(due, missed, missed ? after : due);
      return;
    }
    this.#timer = setTimeout(
      () => (wait > MAX_TIMEOUT_MS ? this.#arm(after) : this.#run(due, false, due)),
      Math.min(wait, MAX_TIMEOUT_MS),
    );
  }

  #run(due: Date, isPastDue: boolean, resumeFrom: Date): void {
    this.#fire(due, isPastDue, resumeFrom).catch((err: unknown) => {
      // Only the schedule itself can fail here (the handler's failures are caught by invoke).
      this.#o.logger('error', `[${this.#o.name}] timer stopped: ${describeError(err)}`);
    });
  }

  /** Runs the function now (the admin API), leaving the schedule as it was. */
  runNow(): void {
    if (this.#stopped) return;
    this.#invoke(new Date(), false, 'Timer fired on request (admin API)').catch((err: unknown) =>
      this.#o.logger('error', `[${this.#o.name}] ${describeError(err)}`),
    );
  }

  /** `resumeFrom`: where the schedule continues; after a late run, from now (one catch-up only). */
  async #fire(due: Date, isPastDue: boolean, resumeFrom: Date): Promise<void> {
    if (this.#stopped) return;
    const reason = isPastDue
      ? 'Timer fired late (past due)'
      : `Timer fired at ${due.toISOString()}`;
    await this.#invoke(due, isPastDue, reason);
    this.#arm(isPastDue ? new Date() : resumeFrom);
  }

  /** One run at a time, a requested one included: it waits for a scheduled run and vice versa. */
  #invoke(due: Date, isPastDue: boolean, reason: string): Promise<void> {
    const run = this.#previous.then(() => this.#invokeNow(due, isPastDue, reason));
    this.#previous = run.catch(() => undefined);
    return run;
  }

  async #invokeNow(due: Date, isPastDue: boolean, reason: string): Promise<void> {
    const { name, logger, inFlight, options } = this.#o;
    const timer: Timer = {
      isPastDue,
      schedule: { adjustForDST: false },
      scheduleStatus: {
        last: this.#last,
        next: this.#nextAfter(due).toISOString(),
        lastUpdated: new Date().toISOString(),
      },
    };
    this.#last = due.toISOString();
    const context = newContext(
      name,
      { type: 'timerTrigger', name: 'myTimer', ...pick(options) },
      logger,
    );
    await inFlight.track(() =>
      invoke(context, reason, logger, () => options.handler(timer, context)),
    );
  }
}

function pick(o: TimerFunctionOptions): Record<string, unknown> {
  return { schedule: o.schedule, runOnStartup: o.runOnStartup, useMonitor: o.useMonitor };
}
