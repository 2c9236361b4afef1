import type { InvocationContext } from '@azure/functions';

import type { FunctionDefinition } from './definition';
import { loadMailbox } from './mailboxLoad';

/**
 * Every 15 minutes: renews subscriptions that expire within a day, recreates missing ones, and
 * catches every connected mailbox up, so a lost notification waits at most this long.
 */
export async function mailboxSync(_timer: unknown, context: InvocationContext): Promise<void> {
  const { deps, mailbox } = await loadMailbox();
  const done = await mailbox.maintainMailboxes(deps, new Date());
  context.log(
    `mailboxes: ${done.renewed} renewed, ${done.recreated} recreated, ${done.synced} synced`,
  );
}

export const mailboxSyncFunction: FunctionDefinition = {
  name: 'mailboxSync',
  trigger: 'timer',
  // NCRONTAB with seconds: at minutes 0, 15, 30 and 45 of every hour.
  options: { schedule: '0 */15 * * * *', handler: mailboxSync },
};
