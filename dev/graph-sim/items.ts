/**
 * List item routes: create (201 listItem), read one, list (queries in itemQuery.ts), update the
 * fields with If-Match (200, the whole fieldValueSet), delete (204) (docs/graph.md "List items").
 */
import { defaultFields } from './columnDefaults';
import { type GraphContext, listOf, param, queryOption } from './context';
import { GraphError, badRequest, notFound } from './errors';
import { applyFieldWrites, checkLookups, checkUnique, itemEtag, readFields } from './fields';
import { type SimResponse, header, json, jsonBody, noContent } from './http';
import { type Expand, parseExpand, queryItems } from './itemQuery';
import { listUrl } from './resolve';
import type { ItemState, ListState, SiteState } from './model';
import { newGuid, nowIso } from './state';

function itemJson(site: SiteState, list: ListState, item: ItemState, expand: Expand): object {
  const by = {
    application: { id: item.appId, displayName: 'SharePoint App' },
    user: { displayName: 'SharePoint App' },
  };
  const library = list.template === 'documentLibrary';
  return {
    '@odata.etag': itemEtag(item),
    createdDateTime: item.created,
    eTag: itemEtag(item),
    id: String(item.id),
    lastModifiedDateTime: item.modified,
    webUrl: `${listUrl(site, list)}/${item.id}_.000`,
    createdBy: by,
    lastModifiedBy: by,
    parentReference: { id: list.id, siteId: site.id },
    contentType: { id: library ? '0x0101' : '0x0100', name: library ? 'Document' : 'Item' },
    ...(expand.fields ? { fields: readFields(site, list, item, expand.select) } : {}),
  };
}

function findItem(list: ListState, id: string): ItemState {
  const item = /^\d+$/.test(id) ? list.items.find((i) => i.id === Number(id)) : undefined;
  if (!item) throw notFound('Item not found');
  return item;
}

/** If-Match: `*` or the item's eTag (quotes and W/ optional); anything else is 412. */
function checkIfMatch(ctx: GraphContext, item: ItemState): void {
  const wanted = header(ctx.req, 'if-match');
  if (wanted === undefined || wanted.trim() === '*') return;
  const norm = (s: string): string => s.trim().replace(/^W\//, '').replace(/"/g, '');
  if (norm(wanted) !== norm(itemEtag(item))) {
    // Status per docs/graph.md; code and wording unverified.
    throw new GraphError(
      412,
      'preconditionFailed',
      "The request ETag value does not match the object's ETag value.",
    );
  }
}

export function getItems(ctx: GraphContext): SimResponse {
  const { site, list } = listOf(ctx);
  const { page, nextLink } = queryItems(ctx, list);
  const expand = parseExpand(ctx);
  return json(200, {
    value: page.map((i) => itemJson(site, list, i, expand)),
    ...(nextLink ? { '@odata.nextLink': nextLink } : {}),
  });
}

export function postItem(ctx: GraphContext): SimResponse {
  const { site, list } = listOf(ctx);
  if (list.template === 'documentLibrary') {
    throw badRequest(
      'Files and folders should only be added to a DocumentLibrary via the OneDrive API',
    );
  }
  const body = jsonBody(ctx.req);
  const input = body.fields ?? {};
  if (typeof input !== 'object' || input === null || Array.isArray(input))
    throw badRequest('Invalid fields.');
  const fields = applyFieldWrites(list, defaultFields(list), input as Record<string, unknown>);
  checkLookups(site, list, {}, fields);
  checkUnique(list, fields);
  const now = nowIso();
  const item: ItemState = {
    id: list.nextItemId++,
    uniqueId: newGuid(),
    version: 1,
    created: now,
    modified: now,
    appId: ctx.claims.appid,
    fields,
  };
  list.items.push(item);
  list.modified = now;
  ctx.store.changed();
  return json(201, itemJson(site, list, item, { fields: true }));
}

export function getItem(ctx: GraphContext): SimResponse {
  const { site, list } = listOf(ctx);
  return json(200, itemJson(site, list, findItem(list, param(ctx, 'item-id')), parseExpand(ctx)));
}

export function getFields(ctx: GraphContext): SimResponse {
  const { site, list } = listOf(ctx);
  const select = queryOption(ctx, 'select');
  const selected = select ? new Set(select.split(',').map((s) => s.trim())) : undefined;
  return json(200, readFields(site, list, findItem(list, param(ctx, 'item-id')), selected));
}

function update(
  ctx: GraphContext,
  input: unknown,
): { site: SiteState; list: ListState; item: ItemState } {
  const { site, list } = listOf(ctx);
  const item = findItem(list, param(ctx, 'item-id'));
  checkIfMatch(ctx, item);
  if (typeof input !== 'object' || input === null || Array.isArray(input))
    throw badRequest('Invalid fields.');
  const fields = applyFieldWrites(list, item.fields, input as Record<string, unknown>);
  checkLookups(site, list, item.fields, fields);
  checkUnique(list, fields, item.id);
  Object.assign(item, { fields, version: item.version + 1, modified: nowIso() });
  list.modified = item.modified;
  ctx.store.changed();
  return { site, list, item };
}

/** PATCH .../items/{id}/fields answers with the whole fieldValueSet (docs/graph.md). */
export function patchFields(ctx: GraphContext): SimResponse {
  const { site, list, item } = update(ctx, jsonBody(ctx.req));
  return json(200, readFields(site, list, item));
}

export function patchItem(ctx: GraphContext): SimResponse {
  const { site, list, item } = update(ctx, jsonBody(ctx.req).fields ?? {});
  return json(200, itemJson(site, list, item, { fields: true }));
}

export function deleteItem(ctx: GraphContext): SimResponse {
  const { list } = listOf(ctx);
  const item = findItem(list, param(ctx, 'item-id'));
  checkIfMatch(ctx, item);
  list.items = list.items.filter((i) => i !== item);
  list.modified = nowIso();
  ctx.store.changed();
  return noContent();
}
