/**
 * Per-key write coalescing: items added for a key while a write for that key is in flight are
 * gathered and written together by one following write. A burst of N concurrent first checks of
 * one domain costs two read-modify-write rounds on this instance instead of N racing ones (which,
 * under ETag concurrency, mostly fail and retry). Every caller's promise settles with the write
 * that carried its item.
 */
interface Batch<T> {
  items: T[];
  done: Promise<void>;
}

export class Coalescer<T> {
  private readonly inFlight = new Map<string, Promise<void>>();
  private readonly waiting = new Map<string, Batch<T>>();

  constructor(private readonly write: (key: string, items: T[]) => Promise<void>) {}

  add(key: string, item: T): Promise<void> {
    const queued = this.waiting.get(key);
    if (queued) {
      queued.items.push(item);
      return queued.done;
    }
    const batch: Batch<T> = { items: [item], done: Promise.resolve() };
    const before = this.inFlight.get(key) ?? Promise.resolve();
    const run = before
      .catch(() => undefined) // the previous batch's failure is its callers' to see
      .then(() => {
        this.waiting.delete(key);
        return this.write(key, batch.items);
      });
    batch.done = run;
    this.waiting.set(key, batch);
    const tracked = run.finally(() => {
      if (this.inFlight.get(key) === tracked) this.inFlight.delete(key);
    });
    tracked.catch(() => undefined);
    this.inFlight.set(key, tracked);
    return run;
  }
}
