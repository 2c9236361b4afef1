/**
 * At most `limit` operations at a time per key. Exchange Online serves one app at most 4
 * concurrent requests per mailbox (MailboxConcurrency) and refuses the fifth with 429; queueing
 * them here instead keeps a burst of fetch jobs from spending the retry budget on refusals.
 * Per process only: several instances can still meet at the mailbox, and the retry policy
 * honours the Retry-After of those 429s.
 */
export class KeyedSemaphore {
  private readonly running = new Map<string, number>();
  private readonly waiting = new Map<string, Array<() => void>>();

  constructor(private readonly limit: number) {}

  /** Resolves with the release function once a slot of `key` is free. */
  async acquire(key: string): Promise<() => void> {
    const used = this.running.get(key) ?? 0;
    if (used < this.limit) {
      this.running.set(key, used + 1);
    } else {
      // The slot is handed over by release(): the count stays, no other caller can take it.
      await new Promise<void>((resolve) => {
        const queue = this.waiting.get(key) ?? [];
        queue.push(resolve);
        this.waiting.set(key, queue);
      });
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.release(key);
    };
  }

  private release(key: string): void {
    const queue = this.waiting.get(key);
    const next = queue?.shift();
    if (queue?.length === 0) this.waiting.delete(key);
    if (next) {
      next();
      return;
    }
    const used = (this.running.get(key) ?? 1) - 1;
    if (used > 0) this.running.set(key, used);
    else this.running.delete(key);
  }

  /** Operations running for `key` now (tests). */
  active(key: string): number {
    return this.running.get(key) ?? 0;
  }
}
