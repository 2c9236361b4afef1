import { webhook } from './mailboxWebhook';

/**
 * POST /api/mailbox/lifecycle: Graph's lifecycle notifications (missed, subscriptionRemoved,
 * reauthorizationRequired); each becomes a catch-up or a renewal on the mailbox queue.
 */
export const mailboxLifecycleFunction = webhook(
  'mailboxLifecycle',
  'mailbox/lifecycle',
  (body, m) => m.mailbox.acceptLifecycle(body, m.deps),
);
