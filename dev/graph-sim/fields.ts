/**
 * A list item's fieldValueSet: validating writes the way SharePoint does (unknown fields, text
 * limits, lookup ids and their collection annotation, unique columns) and shaping reads (lookups as
 * `XLookupId` strings, empty fields omitted, SharePoint's built-in fields).
 */
import { BUILTIN_FIELDS, facetOf } from './columns';
import { GraphError, badRequest, notRecognized } from './errors';
import { compareValues } from './filter';
import type { ColumnDef, FieldValue, ItemState, ListState, SiteState } from './model';

/** Single line of text, Title included: 255 characters (docs/graph.md "Limits"). */
const SINGLE_LINE_MAX = 255;
/** Multiple lines of text: 63,999 characters (docs/graph.md "Limits"). */
const MULTI_LINE_MAX = 63_999;
const INT32_COLLECTION = 'Collection(Edm.Int32)';
const STRING_COLLECTION = 'Collection(Edm.String)';
/** SharePoint's "SharePoint App" account: what app-only writes show as author and editor. */
const APP_USER_LOOKUP_ID = '1073741822';

/** OData's refusal of an array without a type annotation (docs/graph.md "List items"). */
const untypedCollection = (): GraphError =>
  badRequest(
    'A value without a type name was found and no expected type is available. When the model is specified, each value in the payload must have a type which can be either specified in the payload, explicitly by the caller or implicitly inferred from the parent value.',
  );

// Wording of the value errors below is unverified; the status and code match Graph's field errors.
const wrongType = (key: string, type: string): GraphError =>
  badRequest(`The value of field '${key}' is not a valid ${type} value.`);

export const itemEtag = (item: ItemState): string => `"${item.uniqueId},${item.version}"`;

const isLookup = (col: ColumnDef): boolean =>
  col.lookup !== undefined || col.personOrGroup !== undefined;
const isMulti = (col: ColumnDef): boolean =>
  col.lookup?.allowMultipleValues === true || col.personOrGroup?.allowMultipleSelection === true;

/** The column a written key addresses: `X` for plain columns, `XLookupId` for lookups and people. */
function columnForKey(list: ListState, key: string): ColumnDef {
  if (BUILTIN_FIELDS.has(key)) throw badRequest(`Field '${key}' is read-only.`); // unverified wording
  const direct = list.columns.find((c) => c.name === key);
  if (direct && isLookup(direct)) {
    throw badRequest(`Field '${key}' is a lookup: write the item id as '${key}LookupId'.`); // simulator wording
  }
  const col =
    direct ??
    (key.endsWith('LookupId')
      ? list.columns.find((c) => c.name === key.slice(0, -8) && isLookup(c))
      : undefined);
  if (!col) throw notRecognized(key);
  if (col.readOnly) throw badRequest(`Field '${key}' is read-only.`);
  return col;
}

function lookupId(key: string, v: unknown): number {
  const n = typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : v;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 0) throw wrongType(key, 'Lookup');
  return n;
}

function convert(col: ColumnDef, key: string, raw: unknown, annotation: unknown): FieldValue {
  if (raw === null) return null;
  if (Array.isArray(raw) && annotation === undefined) throw untypedCollection();
  switch (facetOf(col)) {
    case 'text': {
      if (typeof raw !== 'string') throw wrongType(key, 'Text');
      const max = col.text?.allowMultipleLines
        ? MULTI_LINE_MAX
        : Math.min(SINGLE_LINE_MAX, col.text?.maxLength ?? SINGLE_LINE_MAX);
      if (raw.length > max) {
        throw badRequest(
          `The value of field '${key}' is longer than the maximum of ${max} characters.`,
        ); // unverified wording
      }
      return raw;
    }
    case 'number': {
      const n = typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : raw;
      if (typeof n !== 'number' || !Number.isFinite(n)) throw wrongType(key, 'Number');
      return n;
    }
    case 'boolean':
      if (typeof raw !== 'boolean') throw wrongType(key, 'Boolean');
      return raw;
    case 'dateTime': {
      const t = typeof raw === 'string' ? Date.parse(raw) : NaN;
      if (Number.isNaN(t)) throw wrongType(key, 'DateTime');
      return new Date(t).toISOString().replace(/\.\d{3}Z$/, 'Z');
    }
    case 'choice':
      if (Array.isArray(raw)) {
        if (annotation !== STRING_COLLECTION || !raw.every((v) => typeof v === 'string'))
          throw wrongType(key, 'Choice');
        return raw as string[];
      }
      if (typeof raw !== 'string') throw wrongType(key, 'Choice');
      return raw;
    case 'lookup':
    case 'personOrGroup':
      if (Array.isArray(raw)) {
        if (annotation !== INT32_COLLECTION || !isMulti(col)) throw wrongType(key, 'Lookup');
        return raw.map((v) => lookupId(key, v));
      }
      return isMulti(col) ? [lookupId(key, raw)] : lookupId(key, raw);
  }
}

/** The fields after applying a create/update body; throws before anything is changed. */
export function applyFieldWrites(
  list: ListState,
  current: Record<string, FieldValue>,
  input: Record<string, unknown>,
): Record<string, FieldValue> {
  const next = { ...current };
  for (const [key, raw] of Object.entries(input)) {
    // Annotations travel with their property; an echoed @odata.etag is ignored like Graph does.
    if (key.includes('@odata.')) continue;
    const col = columnForKey(list, key);
    next[col.name] = convert(col, key, raw, input[`${key}@odata.type`]);
  }
  return next;
}

/**
 * A value already held by another item in an enforceUniqueValues column is refused. Through Graph
 * this is 400 invalidRequest "One or more fields with unique constraints already has the provided
 * value." (the message quoted in microsoftgraph/msgraph-sdk-dotnet#790; the 400 status as clients
 * such as n8n's SharePoint node handle it). SharePoint REST itself reports the longer
 * SPDuplicateValuesFoundException text, which Graph does not pass through.
 */
export function checkUnique(
  list: ListState,
  fields: Record<string, FieldValue>,
  selfId?: number,
): void {
  for (const col of list.columns) {
    const v = fields[col.name];
    if (!col.enforceUniqueValues || v === null || v === undefined || v === '' || Array.isArray(v))
      continue;
    if (
      list.items.some((i) => i.id !== selfId && compareValues(i.fields[col.name] ?? null, v) === 0)
    ) {
      throw new GraphError(
        400,
        'invalidRequest',
        'One or more fields with unique constraints already has the provided value.',
      );
    }
  }
}

/**
 * SharePoint refuses a write whose lookup names an item the target list does not hold (deleted
 * since it was read). Only the lookups the write changes are checked: an item whose old lookup
 * target was deleted can still be updated otherwise.
 */
export function checkLookups(
  site: SiteState,
  list: ListState,
  before: Record<string, FieldValue>,
  after: Record<string, FieldValue>,
): void {
  for (const col of list.columns) {
    const target = site.lists.find((l) => l.id === col.lookup?.listId?.toLowerCase());
    const v = after[col.name];
    if (
      !target ||
      v === undefined ||
      v === null ||
      JSON.stringify(before[col.name]) === JSON.stringify(v)
    )
      continue;
    const missing = (Array.isArray(v) ? v : [v]).some(
      (id) => id !== 0 && !target.items.some((i) => i.id === id),
    );
    if (missing) throw badRequest(`The lookup value of field '${col.name}' does not exist.`); // unverified wording
  }
}

function lookupValue(site: SiteState, col: ColumnDef, id: number): string {
  const target = site.lists.find((l) => l.id === col.lookup?.listId?.toLowerCase());
  const value = target?.items.find((i) => i.id === id)?.fields[col.lookup?.columnName ?? 'Title'];
  return value === null || value === undefined ? '' : String(value);
}

/** The fieldValueSet as Graph returns it; `select` (from `fields($select=...)`) narrows it. */
export function readFields(
  site: SiteState,
  list: ListState,
  item: ItemState,
  select?: Set<string>,
): Record<string, unknown> {
  const out: Record<string, unknown> = { '@odata.etag': itemEtag(item) };
  for (const col of list.columns) {
    const v = item.fields[col.name];
    if (v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0)) continue;
    if (!isLookup(col)) out[col.name] = v;
    else if (Array.isArray(v)) {
      // Unverified: multi-value lookups come back as objects under the column's own name.
      out[col.name] = (v as number[]).map((id) => ({
        LookupId: id,
        LookupValue: lookupValue(site, col, id),
      }));
    } else {
      // Lookups come back as `XLookupId` strings; the looked-up text only when selected (Graph docs).
      out[`${col.name}LookupId`] = String(v);
      if (select?.has(col.name)) out[col.name] = lookupValue(site, col, Number(v));
    }
  }
  Object.assign(out, {
    id: String(item.id),
    ContentType: list.template === 'documentLibrary' ? 'Document' : 'Item',
    Modified: item.modified,
    Created: item.created,
    AuthorLookupId: APP_USER_LOOKUP_ID,
    EditorLookupId: APP_USER_LOOKUP_ID,
    _UIVersionString: `${item.version}.0`,
    Attachments: false,
  });
  if (!select) return out;
  const keep = (k: string): boolean =>
    k === '@odata.etag' || select.has(k) || (k.endsWith('LookupId') && select.has(k.slice(0, -8)));
  return Object.fromEntries(Object.entries(out).filter(([k]) => keep(k)));
}
