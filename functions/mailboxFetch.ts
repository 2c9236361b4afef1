import type { InvocationContext } from '@azure/functions';

import { errorCode } from '../lib/errors';
import { MAILBOX_QUEUE } from '../lib/storage/names';
import type { FunctionDefinition } from './definition';
import { loadMailbox } from './mailboxLoad';

/**
 * Queue trigger on mailbox-in: fetch one mailbox message into staging, or catch a mailbox up.
 * A job that can never succeed (not a job, no access to the mailbox) is poisoned at once; any
 * other error makes the host retry, then poison after maxDequeueCount (host.json). A message
 * missed either way is found again by the mailbox's next catch-up.
 */
export async function mailboxFetchHandler(job: unknown, context: InvocationContext): Promise<void> {
  const { deps, mailbox, isPermanent, poison } = await loadMailbox();
  try {
    // An outcome code only: the job's address stays out of the host log.
    context.log(`mailbox job: ${await mailbox.runMailboxJob(job, deps)}`);
  } catch (err) {
    if (!isPermanent(err)) throw err;
    await poison(job, errorCode(err));
    context.warn(`mailbox job poisoned: ${errorCode(err)}`);
  }
}

export const mailboxFetchFunction: FunctionDefinition = {
  name: 'mailboxFetch',
  trigger: 'storageQueue',
  options: {
    queueName: MAILBOX_QUEUE,
    connection: 'AzureWebJobsStorage',
    handler: mailboxFetchHandler,
  },
};
