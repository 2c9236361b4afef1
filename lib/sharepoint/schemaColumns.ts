/**
 * The words the schema (schema.ts) is written in: a column as data, in the shape of Graph's
 * columnDefinition (docs/graph.md "Sites and lists"), and small builders for the kinds of column
 * the helpdesk's lists use.
 */

/** The lists every helpdesk site has; a lookup names its target by one of these. */
export type ListKey = 'contacts' | 'tickets' | 'comments' | 'attachments';
export type ListIds = Record<ListKey, string>;

/** Graph's columnDefinition type facets; exactly one per column. */
export type ColumnType =
  | { text: { maxLength?: number; allowMultipleLines?: boolean; textType?: 'plain' | 'richText' } }
  | { choice: { choices: string[]; allowTextEntry: boolean; displayAs: 'dropDownMenu' } }
  | { boolean: Record<string, never> }
  | { dateTime: { displayAs: 'default'; format: 'dateTime' } }
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

// The column limits, stated here only: the mail side fits titles and bodies to them and the
// writes cut to them (columnText.ts). Single-line text holds at most 255 characters in
// SharePoint (Title included).
export const MAX_TEXT = 255;
// Multi-line text holds at most 63,999 characters.
export const MAX_RICH_TEXT = 63_999;

export const text = (name: string, extra: Partial<ColumnSpec> = {}): ColumnSpec => ({
  name,
  text: { maxLength: MAX_TEXT },
  ...extra,
});
export const title: ColumnSpec = { name: 'Title', builtIn: true, text: { maxLength: MAX_TEXT } };
export const richText = (name: string): ColumnSpec => ({
  name,
  text: { allowMultipleLines: true, textType: 'richText' },
});
/** Without a default, an item nobody set it on has none (what optional outbox columns need). */
export const choice = (
  name: string,
  choices: readonly string[],
  defaultValue?: string,
): ColumnSpec => ({
  name,
  choice: { choices: [...choices], allowTextEntry: false, displayAs: 'dropDownMenu' },
  ...(defaultValue === undefined ? {} : { defaultValue }),
});
export const lookup = (
  name: string,
  list: ListKey,
  multi = false,
  indexed = false,
): ColumnSpec => ({
  name,
  lookup: { list, columnName: 'Title', allowMultipleValues: multi },
  ...(indexed ? { indexed } : {}),
});
export const flag = (name: string): ColumnSpec => ({ name, boolean: {} });
export const dateTime = (name: string, extra: Partial<ColumnSpec> = {}): ColumnSpec => ({
  name,
  dateTime: { displayAs: 'default', format: 'dateTime' },
  ...extra,
});
// MailKey and Email are looked up on every mail: indexed (no 5,000-item threshold, no Prefer
// header) and unique (a racing second delivery is refused by SharePoint, not by luck).
export const uniqueKey = (name: string): ColumnSpec =>
  text(name, { indexed: true, enforceUniqueValues: true });

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
