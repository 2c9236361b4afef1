/**
 * Structured application events: ids, outcomes, timings, counts and error codes only. Never a
 * subject, body, file name or address: callers pass no free text, and `code` values come from
 * errorCode(), which never carries a message.
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface LogEvent {
  event: string;
  level?: LogLevel;
  tenant?: string;
  mailId?: string;
  outcome?: string;
  code?: string;
  ms?: number;
  [field: string]: string | number | boolean | undefined | ReadonlyArray<unknown> | object;
}

export interface EventLog {
  write(event: LogEvent): void;
}

/** One JSON line per event on stdout: what the Functions host forwards to its log stream. */
export const stdoutLog: EventLog = {
  write(event) {
    process.stdout.write(
      `${JSON.stringify({ at: new Date().toISOString(), level: 'info', ...event })}\n`,
    );
  },
};

/** Collects events in memory: for tests, and for callers that forward them elsewhere. */
export class MemoryLog implements EventLog {
  readonly events: LogEvent[] = [];
  write(event: LogEvent): void {
    this.events.push(event);
  }
}
