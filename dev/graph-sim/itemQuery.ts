/**
 * List item queries as SharePoint answers them through Graph: `$expand=fields($select=...)`,
 * `$filter` and `$orderby` on `fields/X` (indexed columns only, unless the caller sends
 * `Prefer: HonorNonIndexedQueriesWarningMayFailRandomly`), `$top` and an absolute `@odata.nextLink`
 * carrying SharePoint's skip token.
 */
import { INDEXED_BUILTINS } from './columns';
import { type GraphContext, queryOption, topOption } from './context';
import { badRequest, notRecognized } from './errors';
import { compareValues, evaluate, parseFilter, pathsOf } from './filter';
import { header } from './http';
import type { ItemState, ListState } from './model';

/** Graph pages list items 200 at a time unless $top says otherwise (unverified default). */
const DEFAULT_PAGE = 200;
/** SharePoint's list view threshold bounds a page. */
const MAX_PAGE = 5000;
const HONOR_NON_INDEXED = /HonorNonIndexedQueriesWarningMayFailRandomly/i;

export interface Expand {
  fields: boolean;
  select?: Set<string>;
}

/** `fields`, `fields($select=A,B)` or `fields(select=A,B)`, possibly among other expansions. */
export function parseExpand(ctx: GraphContext): Expand {
  const parts = (queryOption(ctx, 'expand') ?? '').split(/,(?![^(]*\))/).map((p) => p.trim());
  for (const p of parts) {
    const m = /^fields(?:\(\$?select=([^)]*)\))?$/i.exec(p);
    if (m)
      return {
        fields: true,
        ...(m[1] ? { select: new Set(m[1].split(',').map((s) => s.trim())) } : {}),
      };
  }
  return { fields: false };
}

/** The field a `fields/X` path reads; refuses non-indexed columns unless the caller accepted the risk. */
function queryField(ctx: GraphContext, list: ListState, path: string): string {
  const m = /^fields\/(\w+)$/.exec(path);
  if (!m?.[1]) throw badRequest(`Invalid filter or orderby path '${path}': use fields/{name}.`);
  const name = m[1];
  if (INDEXED_BUILTINS.has(name)) return name;
  const col = list.columns.find(
    (c) => c.name === name || (name.endsWith('LookupId') && c.name === name.slice(0, -8)),
  );
  if (
    !col &&
    !['Created', 'Modified', 'ContentType', 'AuthorLookupId', 'EditorLookupId'].includes(name)
  )
    throw notRecognized(name);
  if (!col?.indexed && !HONOR_NON_INDEXED.test(header(ctx.req, 'prefer') ?? '')) {
    throw badRequest(
      `Field '${name}' cannot be referenced in filter or orderby as it is not indexed. Provide the 'Prefer: HonorNonIndexedQueriesWarningMayFailRandomly' header to allow this, but be warned that such queries may fail on large lists.`,
    );
  }
  return name;
}

function fieldValue(item: ItemState, name: string): unknown {
  if (name === 'id' || name === 'ID') return item.id;
  if (name === 'Created') return item.created;
  if (name === 'Modified') return item.modified;
  return (
    item.fields[name.endsWith('LookupId') ? name.slice(0, -8) : name] ?? item.fields[name] ?? null
  );
}

/** SharePoint's skip token: base64 of "Paged=TRUE&p_ID=<last id>"; with $orderby an offset. */
const skipToken = (lastId: number, offset: number): string =>
  Buffer.from(`Paged=TRUE&p_ID=${lastId}&p_Offset=${offset}`).toString('base64').replace(/=+$/, '');

function nextLink(ctx: GraphContext, token: string): string {
  const query = [...ctx.req.query.entries()]
    .filter(([k]) => k.toLowerCase() !== '$skiptoken')
    .map(([k, v]) => `${k}=${encodeURIComponent(v)}`);
  query.push(`$skiptoken=${token}`);
  return `${ctx.req.baseUrl}${ctx.req.path}?${query.join('&')}`;
}

/** The page of items a list query asks for, and the link to the next page when there is one. */
export function queryItems(
  ctx: GraphContext,
  list: ListState,
): { page: ItemState[]; nextLink?: string } {
  let items = list.items;
  const filterText = queryOption(ctx, 'filter');
  if (filterText) {
    const expr = parseFilter(filterText);
    const names = new Map(pathsOf(expr).map((p) => [p, queryField(ctx, list, p)]));
    items = items.filter((i) => evaluate(expr, (p) => fieldValue(i, names.get(p) ?? p)));
  }
  const orderBy = queryOption(ctx, 'orderby');
  if (orderBy) {
    const m = /^\s*(\S+)(?:\s+(asc|desc))?\s*$/i.exec(orderBy);
    if (!m?.[1]) throw badRequest(`Invalid $orderby '${orderBy}'.`);
    const name = queryField(ctx, list, m[1]);
    const dir = m[2]?.toLowerCase() === 'desc' ? -1 : 1;
    items = [...items].sort(
      (a, b) => dir * compareValues(fieldValue(a, name), fieldValue(b, name)) || a.id - b.id,
    );
  }
  let offset = 0;
  const token = queryOption(ctx, 'skiptoken');
  if (token) {
    const state = new URLSearchParams(Buffer.from(token, 'base64').toString('utf8'));
    const lastId = Number(state.get('p_ID') ?? NaN);
    offset = Number(state.get('p_Offset') ?? NaN);
    if (!Number.isInteger(lastId) || !Number.isInteger(offset))
      throw badRequest('Invalid $skiptoken.');
    // Without $orderby items run by id, so the token survives deletions between pages.
    items = orderBy ? items.slice(offset) : items.filter((i) => i.id > lastId);
  }
  const top = topOption(ctx, DEFAULT_PAGE, MAX_PAGE);
  const page = items.slice(0, top);
  const last = page[page.length - 1];
  return {
    page,
    ...(items.length > top && last
      ? { nextLink: nextLink(ctx, skipToken(last.id, offset + page.length)) }
      : {}),
  };
}
