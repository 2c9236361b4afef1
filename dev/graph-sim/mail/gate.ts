/**
 * Outlook's concurrency limit: at most 4 requests at a time per app and mailbox; the next one is
 * answered 429 at once (docs/graph.md "Exchange Online"). The simulator answers in microseconds, so requests
 * would never overlap; a test or bench sets a service time (`latencyMs`, admin API) to make them.
 */
import { setTimeout as sleep } from 'node:timers/promises';

import { GraphError } from '../errors';

export const MAILBOX_CONCURRENCY = 4;

export class MailboxGate {
  /** How long each mailbox request takes, in milliseconds; 0 answers at once. */
  latencyMs = 0;
  private readonly inFlight = new Map<string, number>();

  async run<T>(appId: string, userId: string, work: () => T | Promise<T>): Promise<T> {
    const key = `${appId}|${userId}`;
    const busy = this.inFlight.get(key) ?? 0;
    if (busy >= MAILBOX_CONCURRENCY) {
      throw new GraphError(
        429,
        'ApplicationThrottled',
        'Application is over its MailboxConcurrency limit.',
        { 'retry-after': '1' },
      );
    }
    this.inFlight.set(key, busy + 1);
    try {
      if (this.latencyMs > 0) await sleep(this.latencyMs);
      return await work();
    } finally {
      const left = (this.inFlight.get(key) ?? 1) - 1;
      if (left > 0) this.inFlight.set(key, left);
      else this.inFlight.delete(key);
    }
  }
}
