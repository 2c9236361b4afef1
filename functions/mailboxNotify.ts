import { webhook } from './mailboxWebhook';

/** POST /api/mailbox/notify: Graph's change notifications of connected mailboxes, queued. */
export const mailboxNotifyFunction = webhook('mailboxNotify', 'mailbox/notify', (body, m) =>
  m.mailbox.acceptNotifications(body, m.deps),
);
