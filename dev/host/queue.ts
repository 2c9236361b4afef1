/**
 * The storage queue trigger, with the semantics of the Functions host's QueueListener:
 * - a batch of up to `batchSize` is fetched once in-flight messages drop to `newBatchThreshold`;
 * - a received message is leased (invisible) while its handler runs, the lease being renewed;
 * - success deletes it; failure makes it visible again after `visibilityTimeout` (the retry
 *   delay), unless it has been dequeued `maxDequeueCount` times: then its original text goes to
 *   `<queue>-poison` and it is deleted. A message already past the count when received (its
 *   handler crashed the host each time) is poisoned without running it again;
 * - an empty queue is polled with exponential back-off up to `maxPollingInterval`.
 * The host's lease is 10 minutes; ours is `leaseSeconds` (shorter by default) so that a test that
 * kills the host sees its message redelivered within seconds rather than minutes.
 */
import type { StorageQueueFunctionOptions } from '@azure/functions';
import { type DequeuedMessageItem, QueueClient } from '@azure/storage-queue';

import type { QueueSettings } from './hostJson';
import { type HostLogger, InFlight, describeError, invoke, newContext } from './invocation';
import { keepLeased, sleep } from './lease';
import { decodeText, handlerInput, queueConnectionString, queueMetadata } from './queueMessage';

const MIN_POLL_MS = 100;
// Our own loop retries; the SDK should only smooth over a single dropped connection.
const RETRY = { maxTries: 2, retryDelayInMs: 200, maxRetryDelayInMs: 1000 };

export interface QueueListenerOptions {
  name: string;
  options: StorageQueueFunctionOptions;
  queues: QueueSettings;
  settings: Record<string, string>;
  logger: HostLogger;
  /** Host-wide count of running work, awaited by a graceful stop. */
  inFlight: InFlight;
  leaseSeconds: number;
}

export class QueueListener {
  readonly #o: QueueListenerOptions;
  readonly #queue: QueueClient;
  readonly #poison: QueueClient;
  readonly #busy = new InFlight();
  readonly #stop = new AbortController();
  #loop: Promise<void> | undefined;
  #created = false;
  #poisonCreated = false;
  #outage = false;

  constructor(o: QueueListenerOptions) {
    this.#o = o;
    const cs = queueConnectionString(o.settings, o.options.connection, o.name);
    this.#queue = new QueueClient(cs, o.options.queueName, { retryOptions: RETRY });
    this.#poison = new QueueClient(cs, `${o.options.queueName}-poison`, { retryOptions: RETRY });
  }

  start(): void {
    this.#loop ??= this.#run();
  }

  /** Stops fetching; running messages are the host's to wait for (they share its InFlight). */
  async stop(): Promise<void> {
    this.#stop.abort();
    // The loop may be waiting for a free slot; it ends once the host's drain has let that happen.
    await Promise.race([this.#loop, this.#busy.below(this.#o.queues.newBatchThreshold)]);
  }

  async #run(): Promise<void> {
    const { queues, logger, name } = this.#o;
    const signal = this.#stop.signal;
    let idleMs = 0;
    while (!signal.aborted) {
      await this.#busy.below(queues.newBatchThreshold);
      if (signal.aborted) break;
      let messages: DequeuedMessageItem[];
      try {
        if (!this.#created) this.#created = (await this.#queue.createIfNotExists(), true);
        const res = await this.#queue.receiveMessages({
          numberOfMessages: queues.batchSize,
          visibilityTimeout: this.#o.leaseSeconds,
          abortSignal: signal,
        });
        messages = res.receivedMessageItems;
        if (this.#outage) logger('information', `[${name}] queue reachable again`);
        this.#outage = false;
      } catch (err) {
        if (signal.aborted) break;
        // One line per outage (Azurite restarting), not one per poll.
        if (!this.#outage)
          logger('warning', `[${name}] cannot poll the queue: ${describeError(err)}`);
        this.#outage = true;
        await sleep(queues.maxPollingIntervalMs, signal);
        continue;
      }
      if (messages.length === 0) {
        idleMs = Math.min(idleMs === 0 ? MIN_POLL_MS : idleMs * 2, queues.maxPollingIntervalMs);
        await sleep(idleMs, signal);
        continue;
      }
      idleMs = 0;
      for (const message of messages) {
        this.#busy
          .track(() => this.#o.inFlight.track(() => this.#process(message)))
          .catch((err: unknown) => logger('error', `[${name}] ${describeError(err)}`));
      }
    }
  }

  async #process(message: DequeuedMessageItem): Promise<void> {
    const { queues, logger, name, options } = this.#o;
    if (message.dequeueCount > queues.maxDequeueCount) {
      await this.#toPoison(message, message.popReceipt);
      return;
    }
    let decoded: string;
    try {
      decoded = decodeText(message.messageText, queues.messageEncoding);
    } catch {
      // The host cannot bind such a message at all, so retrying is pointless.
      logger('error', `[${name}] message ${message.messageId} is not ${queues.messageEncoding}`);
      await this.#toPoison(message, message.popReceipt);
      return;
    }
    const trigger = {
      type: 'queueTrigger' as const,
      name: 'queueItem',
      queueName: options.queueName,
      connection: options.connection,
    };
    const context = newContext(name, trigger, logger, queueMetadata(message, decoded));
    const lease = keepLeased(this.#queue, message, this.#o.leaseSeconds, (err) =>
      logger('warning', `[${name}] lease renewal failed: ${describeError(err)}`),
    );
    const reason = `New queue message detected on '${options.queueName}'.`;
    const outcome = await invoke(context, reason, logger, () =>
      options.handler(handlerInput(decoded), context),
    );
    const receipt = await lease.end();
    try {
      if (outcome.ok) await this.#queue.deleteMessage(message.messageId, receipt);
      else if (message.dequeueCount >= queues.maxDequeueCount)
        await this.#toPoison(message, receipt);
      else {
        const retrySeconds = Math.ceil(queues.visibilityTimeoutMs / 1000);
        await this.#queue.updateMessage(message.messageId, receipt, undefined, retrySeconds);
      }
    } catch (err) {
      logger(
        'warning',
        `[${name}] message ${message.messageId}: ${describeError(err)}; it reappears`,
      );
    }
  }

  async #toPoison(message: DequeuedMessageItem, receipt: string): Promise<void> {
    const { name, queues, logger } = this.#o;
    const target = this.#poison.name;
    logger(
      'warning',
      `[${name}] message ${message.messageId} reached maxDequeueCount ${queues.maxDequeueCount}; moving it to '${target}'`,
    );
    try {
      if (!this.#poisonCreated)
        this.#poisonCreated = (await this.#poison.createIfNotExists(), true);
      await this.#poison.sendMessage(message.messageText);
      await this.#queue.deleteMessage(message.messageId, receipt);
    } catch (err) {
      logger('warning', `[${name}] poisoning ${message.messageId} failed: ${describeError(err)}`);
    }
  }
}
