/**
 * Column definitions: the ones SharePoint gives every list, the Title a genericList adds, and
 * columns created from a Graph columnDefinition body (docs/graph.md "Sites and lists").
 */
import { patchDefault } from './columnDefaults';
import { GraphError, badRequest } from './errors';
import type { ColumnDef, SiteState } from './model';
import { newGuid } from './state';

const TYPE_FACETS = [
  'text',
  'number',
  'boolean',
  'dateTime',
  'choice',
  'lookup',
  'personOrGroup',
] as const;
type Facet = (typeof TYPE_FACETS)[number];

/** SharePoint's built-in fields present on every item; read-only through Graph. */
export const BUILTIN_FIELDS = new Set([
  'id',
  'ID',
  'ContentType',
  'Created',
  'Modified',
  'Author',
  'Editor',
  'AuthorLookupId',
  'EditorLookupId',
  '_UIVersionString',
  'Attachments',
]);

/** Built-ins whose index SharePoint maintains itself: they may always be filtered on. */
export const INDEXED_BUILTINS = new Set(['id', 'ID']);

function column(partial: Partial<ColumnDef> & Pick<ColumnDef, 'name'>): ColumnDef {
  return {
    id: newGuid(),
    displayName: partial.name,
    description: '',
    hidden: false,
    indexed: false,
    enforceUniqueValues: false,
    required: false,
    readOnly: false,
    columnGroup: 'Custom Columns',
    ...partial,
  };
}

/** A genericList's Title is required (forms enforce it, the API does not); a library's is not. */
export function titleColumn(required: boolean): ColumnDef {
  return column({
    id: 'fa564e0f-0c70-4ab9-b863-0177e6ddd247', // Title's field id is the same in every list
    name: 'Title',
    required,
    text: { allowMultipleLines: false, maxLength: 255 },
  });
}

/** What GET .../columns lists besides the list's own columns. */
export function builtinColumns(): ColumnDef[] {
  const ro = { readOnly: true, columnGroup: '_Hidden' };
  return [
    column({
      ...ro,
      id: '03e45e84-1992-4d42-9116-26f756012634',
      name: 'ContentType',
      displayName: 'Content Type',
      text: {},
    }),
    column({ ...ro, id: '28cf69c5-fa48-462a-b5cd-27b6f9d2bd5f', name: 'Modified', dateTime: {} }),
    column({ ...ro, id: '8c06beca-0777-48f7-91c7-6da68bc07b69', name: 'Created', dateTime: {} }),
    column({
      ...ro,
      id: '1df5e554-ec7e-46a6-901d-d85a3881cb18',
      name: 'Author',
      displayName: 'Created By',
      personOrGroup: {},
    }),
    column({
      ...ro,
      id: 'd31655d1-1d5b-4511-95a1-7a09e9b75bf2',
      name: 'Editor',
      displayName: 'Modified By',
      personOrGroup: {},
    }),
    column({ ...ro, id: '67df98f4-9dec-48ff-a553-29bece9c5bf4', name: 'Attachments', boolean: {} }),
  ];
}

export function facetOf(col: ColumnDef): Facet {
  return TYPE_FACETS.find((f) => col[f] !== undefined) ?? 'text';
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Internal names become field keys and `fields/X` paths, so keep them to identifier characters. */
const COLUMN_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,31}$/;

export function columnFromInput(input: unknown, site: SiteState, existing: ColumnDef[]): ColumnDef {
  if (!isObject(input)) throw badRequest('One of the provided arguments is not acceptable.');
  const displayName = typeof input.displayName === 'string' ? input.displayName : undefined;
  const name = typeof input.name === 'string' ? input.name : displayName?.replace(/\W/g, '');
  if (!name || !COLUMN_NAME.test(name)) {
    throw badRequest(`The column name '${name ?? ''}' is not valid.`); // unverified wording
  }
  if (existing.some((c) => c.name.toLowerCase() === name.toLowerCase())) {
    throw new GraphError(409, 'nameAlreadyExists', `A duplicate field name "${name}" was found.`);
  }
  const facets = TYPE_FACETS.filter((f) => input[f] !== undefined);
  if (facets.length > 1) throw badRequest('One of the provided arguments is not acceptable.');
  const facet = facets[0] ?? 'text';
  const facetValue = isObject(input[facet]) ? input[facet] : {};
  if (facet === 'lookup') {
    const listId = String(facetValue.listId ?? '').toLowerCase();
    if (!site.lists.some((l) => l.id === listId)) {
      throw badRequest(`The lookup list '${listId}' does not exist in this site.`); // unverified wording
    }
  }
  const col = column({
    name,
    displayName: displayName ?? name,
    description: typeof input.description === 'string' ? input.description : '',
    hidden: input.hidden === true,
    indexed: input.indexed === true,
    enforceUniqueValues: input.enforceUniqueValues === true,
    required: input.required === true,
    [facet]: { ...facetValue },
  });
  patchDefault(col, input);
  checkUniqueNeedsIndex(col);
  return col;
}

/** SharePoint refuses unique values on a column without an index (docs/graph.md); wording unverified. */
export function checkUniqueNeedsIndex(col: ColumnDef): void {
  if (col.enforceUniqueValues && !col.indexed) {
    throw badRequest(`The column '${col.name}' must be indexed to enforce unique values.`);
  }
}

const PATCHABLE = [
  'displayName',
  'description',
  'hidden',
  'indexed',
  'enforceUniqueValues',
  'required',
] as const;

export function patchColumn(col: ColumnDef, input: Record<string, unknown>): void {
  if (input.name !== undefined && input.name !== col.name) {
    throw badRequest('The name of a column cannot be changed.'); // unverified wording
  }
  const next: ColumnDef = { ...col };
  for (const key of PATCHABLE) {
    const v = input[key];
    if (v === undefined) continue;
    if (typeof v !== (key === 'displayName' || key === 'description' ? 'string' : 'boolean')) {
      throw badRequest(`Invalid value for '${key}'.`);
    }
    (next as unknown as Record<string, unknown>)[key] = v;
  }
  const facet = facetOf(col);
  if (isObject(input[facet])) next[facet] = { ...col[facet], ...input[facet] } as never;
  patchDefault(next, input);
  checkUniqueNeedsIndex(next);
  Object.assign(col, next);
  if (!next.defaultValue) delete col.defaultValue; // assign copies no removal
}
