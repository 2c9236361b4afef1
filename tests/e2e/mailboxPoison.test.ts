/**
 * Poison handling of the mailbox queue: a job that can never succeed goes to mailbox-in-poison at
 * once, with its code, instead of being tried maxDequeueCount times first.
 */
import { encodeQueueMessage } from '../../lib/storage/staging';
import { MAILBOX_QUEUE } from '../../lib/storage/names';
import { emptyTestQueue, testQueue } from '../support/stack';
import { sharedHost } from './setup';
import { eventually } from './support';

sharedHost();

it('when a job on mailbox-in is not a mailbox job, then it is poisoned at once with its code', async () => {
  const [queue, poison] = await Promise.all([
    testQueue(MAILBOX_QUEUE),
    emptyTestQueue(`${MAILBOX_QUEUE}-poison`),
  ]);
  const marker = `junk-${Date.now()}`;
  await queue.sendMessage(encodeQueueMessage({ kind: 'fetch', marker }));

  const poisoned = await eventually(async () => {
    const { peekedMessageItems } = await poison.peekMessages({ numberOfMessages: 32 });
    return peekedMessageItems
      .map((m) => JSON.parse(Buffer.from(m.messageText, 'base64').toString()) as unknown)
      .find((m) => JSON.stringify(m).includes(marker));
  }, 10_000);
  expect(poisoned).toMatchObject({ message: { marker }, error: 'bad-queue-message' });
});
