/**
 * The names of the staging queue and container, apart from the staging code and its storage
 * SDKs: functions/processMail.ts names the queue when it registers, before anything is loaded.
 */
export const MAIL_QUEUE = 'mail-in';
export const POISON_QUEUE = `${MAIL_QUEUE}-poison`;
export const STAGING_CONTAINER = 'mail-staging';
