/**
 * The names of the queues and the staging container, apart from the staging code and its storage
 * SDKs: a function names its queue when it registers, before anything is loaded.
 */
export const MAIL_QUEUE = 'mail-in';
export const POISON_QUEUE = `${MAIL_QUEUE}-poison`;
export const STAGING_CONTAINER = 'mail-staging';
/** Mailbox work (lib/mailbox): a message to fetch or a mailbox to catch up, as JSON. */
export const MAILBOX_QUEUE = 'mailbox-in';
