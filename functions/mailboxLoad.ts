import { MAILBOX_QUEUE } from '../lib/storage/names';
import { lazy } from './lazy';

/**
 * The mailbox door's use cases and their deps, loaded on the first call of any mailbox function
 * and built once per process (as getDeps() is): registering the app loads none of it.
 */
export const loadMailbox = lazy(async () => {
  const [{ getDeps, buildMailboxDeps }, { jsonQueue }, { isPermanent }, mailbox] =
    await Promise.all([
      import('../lib/deps'),
      import('../lib/storage/clients'),
      import('../lib/errors'),
      import('../lib/mailbox'),
    ]);
  const deps = getDeps();
  // Claims live in the staging container, written before the first mail is staged there: it
  // must exist first (staging creates its container and queues once, as the inbound door does).
  await deps.staging.ready();
  // The queue the host poisons to after maxDequeueCount; a job that can never succeed goes there
  // at once, in the shape mail-in-poison uses (the message and its code).
  const poisonQueue = jsonQueue(deps.config.storage, `${MAILBOX_QUEUE}-poison`);
  return {
    deps: buildMailboxDeps(deps),
    mailbox,
    isPermanent,
    poison: (job: unknown, code: string) =>
      poisonQueue.send({ message: job, error: code, at: new Date().toISOString() }),
  };
});
