/**
 * The Mail Log (docs/mail-log.md): one item per mail that did not become a ticket or comment, in
 * the customer's own site, with its original kept in the attachments library. Added after sites
 * were provisioned: a site without it drops mail as before, with only the log line.
 */
import type { ListSpec } from './schema';
import { choice, dateTime, lookup, text, title, uniqueKey } from './schemaColumns';

/** What an agent asks of an item (Make ticket) and what the service made of it. */
export const MAIL_LOG_ACTIONS = ['Make ticket', 'Making', 'Done', 'Failed'] as const;
export type MailLogAction = (typeof MAIL_LOG_ACTIONS)[number];

/** The library folder the originals are kept in: `_mail-log/{yyyy-mm}/{MailKey}-{fingerprint}.eml`. */
export const MAIL_LOG_FOLDER = '_mail-log';

export const MAIL_LOG_LIST: ListSpec<'mailLog'> = {
  key: 'mailLog',
  displayName: 'Mail Log',
  template: 'genericList',
  columns: [
    title, // the subject, cut to 255
    dateTime('Received'),
    text('Outcome'), // the pipeline's outcome, e.g. dropped-auto-reply
    text('Reason'), // auto-reply, bounce, loop, abuse-report, burst, spam, poisoned/<code>, held-expired
    text('Sender'), // the From address
    // Unique: a redelivery of the same mail finds its item instead of writing a second.
    uniqueKey('MailKey'),
    text('Original'), // the server-relative path of the kept original
    // Indexed: the recovery timer looks for `Make ticket` past 5,000 items. No default: empty.
    { ...choice('Action', MAIL_LOG_ACTIONS), indexed: true },
    lookup('Ticket', 'tickets'),
    text('ActionNote'), // a short reason code when Failed
  ],
};
