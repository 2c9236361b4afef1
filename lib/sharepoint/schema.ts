/**
 * The helpdesk's lists as data: the contract with agents and installations
 * (docs/schema.md). Display names and internal column names are fixed. Provisioning turns each column into
 * Graph's columnDefinition; validation at first open checks a site against the same data.
 */

export type ListKey = 'contacts' | 'tickets' | 'comments' | 'attachments';

/** Graph's columnDefinition type facets (docs/graph.md "Sites and lists"); exactly one per column. */
export type ColumnType =
  | { text: { maxLength?: number; allowMultipleLines?: boolean; textType?: 'plain' | 'richText' } }
  | { choice: { choices: string[]; allowTextEntry: boolean; displayAs: 'dropDownMenu' } }
  | { boolean: Record<string, never> }
  | { lookup: { list: ListKey; columnName: 'Title'; allowMultipleValues: boolean } };

export type ColumnSpec = ColumnType & {
  /** Internal name: what items are read and written with. */
  name: string;
  /** Present in every list of its template (genericList's Title): validated, never created. */
  builtIn?: boolean;
  /** Needed to filter on the column past 5,000 items without the Prefer header. */
  indexed?: boolean;
  /** SharePoint requires `indexed` for it. */
  enforceUniqueValues?: boolean;
  /**
   * Added after sites were provisioned: provisioning adds it, validation accepts a site without
   * it (that site works as before, without what the column is for) and checks it when present.
   */
  optional?: boolean;
  defaultValue?: string;
};

export interface ListSpec {
  key: ListKey;
  displayName: string;
  template: 'genericList' | 'documentLibrary';
  columns: ColumnSpec[];
}

// The column limits, stated here only: the mail side fits titles and bodies to them and the
// writes cut to them (columnText.ts). Single-line text holds at most 255 characters in
// SharePoint (Title included).
export const MAX_TEXT = 255;
// Multi-line text holds at most 63,999 characters.
export const MAX_RICH_TEXT = 63_999;

export const TICKET_STATUSES = ['New', 'In progress', 'Pending', 'Solved', 'Closed'] as const;
export const TICKET_PRIORITIES = ['Low', 'Normal', 'High', 'Urgent'] as const;
export const TICKET_SOURCES = ['Email', 'Portal'] as const;

const text = (name: string, extra: Partial<ColumnSpec> = {}): ColumnSpec => ({
  name,
  text: { maxLength: MAX_TEXT },
  ...extra,
});
const title: ColumnSpec = { name: 'Title', builtIn: true, text: { maxLength: MAX_TEXT } };
const richText = (name: string): ColumnSpec => ({
  name,
  text: { allowMultipleLines: true, textType: 'richText' },
});
const choice = (name: string, choices: readonly string[], defaultValue: string): ColumnSpec => ({
  name,
  choice: { choices: [...choices], allowTextEntry: false, displayAs: 'dropDownMenu' },
  defaultValue,
});
const lookup = (name: string, list: ListKey, multi = false, indexed = false): ColumnSpec => ({
  name,
  lookup: { list, columnName: 'Title', allowMultipleValues: multi },
  ...(indexed ? { indexed } : {}),
});
const flag = (name: string): ColumnSpec => ({ name, boolean: {} });
// MailKey and Email are looked up on every mail: indexed (no 5,000-item threshold, no Prefer
// header) and unique (a racing second delivery is refused by SharePoint, not by luck).
const uniqueKey = (name: string): ColumnSpec =>
  text(name, { indexed: true, enforceUniqueValues: true });
// The fingerprint of the mail an item was written from (mail/mailKey.ts): a second mail under the
// same Message-ID must not resume or overwrite it. Read only with the item its MailKey found, so
// neither indexed nor unique.
export const MAIL_HASH = 'MailHash';
const mailHash: ColumnSpec = text(MAIL_HASH, { optional: true });

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

export type ListIds = Record<ListKey, string>;

/** A column in Graph's columnDefinition form; lookups get their target list's id. */
export function columnDefinition(
  spec: ColumnSpec,
  listIds: Partial<ListIds>,
): Record<string, unknown> {
  const def: Record<string, unknown> = { ...spec, displayName: spec.name };
  delete def.builtIn; // ours, not Graph's
  delete def.optional;
  delete def.defaultValue;
  if ('lookup' in spec) {
    const { list, ...lookupRest } = spec.lookup;
    const listId = listIds[list];
    if (!listId) throw new Error(`column ${spec.name}: lookup target list ${list} has no id yet`);
    def.lookup = { listId, ...lookupRest };
  }
  if (spec.defaultValue !== undefined) def.defaultValue = { value: spec.defaultValue };
  return def;
}

export function listSpec(key: ListKey): ListSpec {
  const spec = HELPDESK_LISTS.find((l) => l.key === key);
  if (!spec) throw new Error(`no list ${key}`);
  return spec;
}
