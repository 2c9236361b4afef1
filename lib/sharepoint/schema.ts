/**
 * The helpdesk's lists as data: the contract with agents and installations
 * (docs/schema.md). Display names and internal column names are fixed. Provisioning turns each column into
 * Graph's columnDefinition; validation at first open checks a site against the same data.
 */

import {
  type ColumnSpec,
  type ListKey,
  choice,
  dateTime,
  flag,
  lookup,
  richText,
  text,
  title,
  uniqueKey,
} from './schemaColumns';
import { DEFAULT_TEMPLATES } from './templateTexts';

export {
  type ColumnSpec,
  type ColumnType,
  type ListIds,
  type ListKey,
  MAX_RICH_TEXT,
  MAX_TEXT,
  columnDefinition,
} from './schemaColumns';
export {
  MAIL_LOG_ACTIONS,
  MAIL_LOG_FOLDER,
  MAIL_LOG_LIST,
  type MailLogAction,
} from './schemaMailLog';

export interface ListSpec<K extends string = ListKey> {
  key: K;
  displayName: string;
  template: 'genericList' | 'documentLibrary';
  columns: ColumnSpec[];
  /** Written when provisioning creates the list, never again (an agent may delete or edit them). */
  items?: readonly Record<string, string>[];
}

export const TICKET_STATUSES = ['New', 'In progress', 'Pending', 'Solved', 'Closed'] as const;
export const TICKET_PRIORITIES = ['Low', 'Normal', 'High', 'Urgent'] as const;
export const TICKET_SOURCES = ['Email', 'Portal'] as const;
/** The outbox (docs/schema.md): mail the service is to send for an item, and what became of it. */
export const MAIL_STATUSES = [
  'To send',
  'Sending',
  'Sent',
  'Failed',
  'Received',
  'Not sent',
] as const;
export type MailStatus = (typeof MAIL_STATUSES)[number];

// The fingerprint of the mail an item was written from (mail/mailKey.ts): a second mail under the
// same Message-ID must not resume or overwrite it. Read only with the item its MailKey found, so
// neither indexed nor unique.
export const MAIL_HASH = 'MailHash';
const mailHash: ColumnSpec = text(MAIL_HASH, { optional: true });
// The outbox of Tickets (the acknowledgement) and Comments (an agent's reply). MailStatus is
// indexed, because the service looks for `To send` items in lists far past 5,000 items. On
// Comments its default is `To send`, so an agent's new comment is sent without anyone touching the
// column (comments written from mail are `Received`); on Tickets it has none, the pipeline asks
// for an ack. MessageId is the real Message-ID of the mail an item came from or was sent as (the
// MailKey is its hash).
export const OUTBOX_COLUMNS = ['MailStatus', 'SentAt', 'MessageId'] as const;
const outbox = (defaultStatus?: MailStatus): ColumnSpec[] => [
  { ...choice('MailStatus', MAIL_STATUSES, defaultStatus), indexed: true, optional: true },
  dateTime('SentAt', { optional: true }),
  text('MessageId', { optional: true }),
];

/** In creation order: a lookup column needs its target list's id, so targets come first. */
export const HELPDESK_LISTS: readonly ListSpec[] = [
  {
    key: 'contacts',
    displayName: 'Contacts',
    template: 'genericList',
    columns: [title, uniqueKey('Email')],
  },
  {
    key: 'tickets',
    displayName: 'Tickets',
    template: 'genericList',
    columns: [
      title,
      richText('Body'),
      choice('Status', TICKET_STATUSES, 'New'),
      choice('Priority', TICKET_PRIORITIES, 'Normal'),
      lookup('Requester', 'contacts'),
      lookup('Cc', 'contacts', true),
      text('Mailbox'),
      uniqueKey('MailKey'),
      choice('Source', TICKET_SOURCES, 'Email'),
      mailHash,
      ...outbox(),
    ],
  },
  {
    key: 'comments',
    displayName: 'Comments',
    template: 'genericList',
    columns: [
      title,
      richText('Body'),
      // Indexed: an agent's ticket view filters comments by ticket, past 5,000 comments too.
      lookup('Ticket', 'tickets', false, true),
      lookup('Sender', 'contacts'),
      uniqueKey('MailKey'),
      flag('IsAutoReply'),
      flag('Internal'),
      mailHash,
      ...outbox('To send'),
    ],
  },
  // One folder per ticket id, files of a comment in {ticketId}/{commentId}/: no custom columns.
  {
    key: 'attachments',
    displayName: 'Ticket Attachments',
    template: 'documentLibrary',
    columns: [],
  },
];

/**
 * The texts of the mail the service sends, one item per template and language (Title is the
 * template's key). Added after sites were provisioned: a site without it uses the defaults.
 */
export const MAIL_TEMPLATES_LIST: ListSpec<'templates'> = {
  key: 'templates',
  displayName: 'Mail Templates',
  template: 'genericList',
  columns: [title, text('Language'), text('Subject'), richText('Body')],
  items: DEFAULT_TEMPLATES.map((t) => ({
    Title: t.key,
    Language: t.language,
    Subject: t.subject,
    Body: t.body,
  })),
};

export function listSpec(key: ListKey): ListSpec {
  const spec = HELPDESK_LISTS.find((l) => l.key === key);
  if (!spec) throw new Error(`no list ${key}`);
  return spec;
}
