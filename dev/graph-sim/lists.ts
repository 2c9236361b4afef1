/**
 * Lists and their columns: GET/POST /sites/{id}/lists (with `$filter=displayName eq '...'`),
 * GET a list by id or title, and GET/POST/PATCH its columns.
 */
import { builtinColumns, columnFromInput, patchColumn, titleColumn } from './columns';
import { type GraphContext, listOf, param, queryOption, siteOf } from './context';
import { GraphError, badRequest, notFound } from './errors';
import { newDrive } from './files';
import { evaluate, parseFilter, pathsOf } from './filter';
import { type SimResponse, json, jsonBody } from './http';
import { listUrl } from './resolve';
import type { ColumnDef, ListState, SiteState } from './model';
import { newGuid, nowIso } from './state';

const LIST_PROPERTIES = new Set(['displayName', 'name', 'id', 'description']);

export function listJson(site: SiteState, list: ListState, withColumns = false): object {
  return {
    '@odata.etag': `"${list.id},${list.items.length}"`,
    createdDateTime: list.created,
    description: list.description,
    eTag: `"${list.id},${list.items.length}"`,
    id: list.id,
    lastModifiedDateTime: list.modified,
    name: list.name,
    webUrl: listUrl(site, list),
    displayName: list.displayName,
    createdBy: { user: { displayName: 'System Account' } },
    parentReference: { siteId: site.id },
    list: { contentTypesEnabled: false, hidden: false, template: list.template },
    ...(withColumns ? { columns: columnsOf(list, true) } : {}),
  };
}

function columnsOf(list: ListState, includeHidden: boolean): ColumnDef[] {
  return [...list.columns, ...builtinColumns()].filter((c) => includeHidden || !c.hidden);
}

const expandsColumns = (ctx: GraphContext): boolean =>
  /\bcolumns\b/.test(queryOption(ctx, 'expand') ?? '');

/** Server-assigned URL name: the display name without characters a URL segment would need escaped. */
function urlName(site: SiteState, displayName: string): string {
  const base = displayName.replace(/[^A-Za-z0-9_-]/g, '') || 'List';
  let name = base;
  for (let n = 1; site.lists.some((l) => l.name.toLowerCase() === name.toLowerCase()); n++)
    name = `${base}${n}`;
  return name;
}

export function createList(
  site: SiteState,
  displayName: string,
  template: ListState['template'],
  columnInputs: unknown[] = [],
  name?: string,
): ListState {
  if (site.lists.some((l) => l.displayName.toLowerCase() === displayName.toLowerCase())) {
    throw new GraphError(
      409,
      'nameAlreadyExists',
      'A list, survey, discussion board, or document library with the specified title already exists in this Web site.  Please choose another title.',
    );
  }
  const now = nowIso();
  const list: ListState = {
    id: newGuid(),
    name: name ?? urlName(site, displayName),
    displayName,
    description: '',
    template,
    created: now,
    modified: now,
    columns: [titleColumn(template === 'genericList')],
    items: [],
    nextItemId: 1,
  };
  for (const input of columnInputs)
    list.columns.push(columnFromInput(input, site, [...list.columns, ...builtinColumns()]));
  if (template === 'documentLibrary') list.drive = newDrive(list.id);
  site.lists.push(list);
  return list;
}

export function getLists(ctx: GraphContext): SimResponse {
  const site = siteOf(ctx);
  const filterText = queryOption(ctx, 'filter');
  let lists = site.lists;
  if (filterText) {
    const expr = parseFilter(filterText);
    const unknown = pathsOf(expr).find((p) => !LIST_PROPERTIES.has(p));
    if (unknown)
      throw badRequest(
        `Could not find a property named '${unknown}' on type 'microsoft.graph.list'.`,
      );
    lists = lists.filter((l) =>
      evaluate(expr, (p) => (l as unknown as Record<string, unknown>)[p]),
    );
  }
  return json(200, { value: lists.map((l) => listJson(site, l, expandsColumns(ctx))) });
}

export function postList(ctx: GraphContext): SimResponse {
  const site = siteOf(ctx);
  const body = jsonBody(ctx.req);
  if (body.name !== undefined) {
    throw badRequest(
      "Cannot define a 'name' for a list as it is assigned by the server. Instead, provide 'displayName'",
    );
  }
  const info = (body.list ?? {}) as Record<string, unknown>;
  const template = info.template ?? 'genericList';
  const displayName = body.displayName;
  if (
    typeof displayName !== 'string' ||
    !displayName.trim() ||
    (template !== 'genericList' && template !== 'documentLibrary')
  ) {
    throw badRequest('One of the provided arguments is not acceptable.');
  }
  if (body.columns !== undefined && !Array.isArray(body.columns)) {
    throw badRequest('One of the provided arguments is not acceptable.');
  }
  const list = createList(site, displayName.trim(), template, body.columns ?? []);
  ctx.store.changed();
  return json(201, listJson(site, list, true));
}

export function getList(ctx: GraphContext): SimResponse {
  const { site, list } = listOf(ctx);
  return json(200, listJson(site, list, expandsColumns(ctx)));
}

export function getColumns(ctx: GraphContext): SimResponse {
  const { list } = listOf(ctx);
  // Hidden columns only come back when $select asks for `hidden` (docs/graph.md).
  const withHidden = /\bhidden\b/.test(queryOption(ctx, 'select') ?? '');
  return json(200, { value: columnsOf(list, withHidden) });
}

function findColumn(list: ListState, ref: string): ColumnDef {
  const wanted = ref.toLowerCase();
  const col = list.columns.find((c) => c.id === wanted || c.name.toLowerCase() === wanted);
  if (!col) throw notFound(`Column '${ref}' does not exist.`);
  return col;
}

export function getColumn(ctx: GraphContext): SimResponse {
  const { list } = listOf(ctx);
  const ref = param(ctx, 'column-id').toLowerCase();
  const builtin = builtinColumns().find((c) => c.id === ref || c.name.toLowerCase() === ref);
  return json(200, builtin ?? findColumn(list, ref));
}

export function postColumn(ctx: GraphContext): SimResponse {
  const { site, list } = listOf(ctx);
  const col = columnFromInput(jsonBody(ctx.req), site, [...list.columns, ...builtinColumns()]);
  list.columns.push(col);
  list.modified = nowIso();
  ctx.store.changed();
  return json(201, col);
}

export function patchColumnRoute(ctx: GraphContext): SimResponse {
  const { list } = listOf(ctx);
  const col = findColumn(list, param(ctx, 'column-id'));
  patchColumn(col, jsonBody(ctx.req));
  list.modified = nowIso();
  ctx.store.changed();
  return json(200, col);
}
