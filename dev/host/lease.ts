/**
 * Keeping a queue message invisible while its handler runs. Each renewal returns a new pop
 * receipt and only the latest one can delete or release the message, so renewals are chained and
 * `end()` waits for the one in progress before handing the receipt over.
 */
import type { DequeuedMessageItem, QueueClient } from '@azure/storage-queue';

export interface Lease {
  /** Stops renewing; resolves to the pop receipt that now owns the message. */
  end(): Promise<string>;
}

export function keepLeased(
  queue: QueueClient,
  message: DequeuedMessageItem,
  leaseSeconds: number,
  onError: (err: unknown) => void,
): Lease {
  let receipt = message.popReceipt;
  let pending = Promise.resolve();
  const renew = async (): Promise<void> => {
    try {
      const res = await queue.updateMessage(message.messageId, receipt, undefined, leaseSeconds);
      receipt = res.popReceipt ?? receipt;
    } catch (err) {
      onError(err);
    }
  };
  // A third of the lease: two renewals can fail before the message reappears.
  const timer = setInterval(
    () => {
      pending = pending.then(renew);
    },
    (leaseSeconds * 1000) / 3,
  );
  timer.unref(); // renewing a lease is no reason to keep a stopping process alive
  return {
    end: async () => {
      clearInterval(timer);
      await pending;
      return receipt;
    },
  };
}

/** Resolves after `ms`, or at once when `signal` aborts. */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
    function done(): void {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
  });
}
