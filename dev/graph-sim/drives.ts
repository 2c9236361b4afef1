/**
 * Drive routes: a site's drives, a library's drive, driveItems by id or by path (`root:/a/b`),
 * children, content download, simple upload (PUT .../content) and folder creation.
 */
import { fileBytes } from './blobs';
import { type GraphContext, driveOf, listOf, siteOf } from './context';
import { badRequest } from './errors';
import {
  childrenOf,
  createFolder,
  deleteItem,
  ensureFolders,
  getItem,
  itemAtPath,
  putFile,
} from './files';
import { driveItemJson, driveJson } from './driveJson';
import { type SimResponse, json, jsonBody, noContent } from './http';
import { type DriveRef, driveRefOf } from './resolve';
import type { ConflictBehavior, DriveItemState } from './model';

export const pathSegments = (path: string | undefined): string[] =>
  (path ?? '').split('/').filter(Boolean);

/** The item a route addresses: `root`, `items/{id}`, either optionally followed by `:/{path}`. */
function located(ctx: GraphContext): { ref: DriveRef; item: DriveItemState } {
  const ref = driveOf(ctx);
  const start = ctx.params['item-id'] ?? ref.drive.rootId;
  return { ref, item: itemAtPath(ref.drive, start, pathSegments(ctx.params['item-path'])) };
}

export function conflictBehavior(
  ctx: GraphContext,
  fallback: ConflictBehavior,
  sent: unknown = ctx.req.query.get('@microsoft.graph.conflictBehavior') ?? undefined,
): ConflictBehavior {
  const v = sent ?? fallback;
  if (v !== 'fail' && v !== 'replace' && v !== 'rename') {
    throw badRequest(`Invalid value '${String(v)}' for @microsoft.graph.conflictBehavior.`);
  }
  return v;
}

export function getSiteDrives(ctx: GraphContext): SimResponse {
  const site = siteOf(ctx);
  const refs = site.lists.filter((l) => l.drive).map((l) => driveRefOf(site, l));
  return json(200, { value: refs.map(driveJson) });
}

export const getDrive = (ctx: GraphContext): SimResponse => json(200, driveJson(driveOf(ctx)));

export function getListDrive(ctx: GraphContext): SimResponse {
  const { site, list } = listOf(ctx);
  return json(200, driveJson(driveRefOf(site, list)));
}

export function getDriveItem(ctx: GraphContext): SimResponse {
  const { ref, item } = located(ctx);
  return json(200, driveItemJson(ref, item));
}

export function getChildren(ctx: GraphContext): SimResponse {
  const { ref, item } = located(ctx);
  if (!item.folder) return json(200, { value: [] });
  return json(200, { value: childrenOf(ref.drive, item.id).map((c) => driveItemJson(ref, c)) });
}

/** Real Graph answers 302 to a pre-authenticated download URL; the SDK gets the same bytes either way. */
export function getContent(ctx: GraphContext): SimResponse {
  const { item } = located(ctx);
  if (item.folder) throw badRequest('The item is a folder and has no content.'); // unverified wording
  return {
    status: 200,
    raw: { data: fileBytes(ctx.store.blobs, item), contentType: item.mimeType },
  };
}

/** PUT `root:/{path}:/content` or `items/{parent}:/{name}:/content`: 201 new, 200 replaced. */
export function putContent(ctx: GraphContext): SimResponse {
  const ref = driveOf(ctx);
  const data = ctx.req.body;
  const segments = pathSegments(ctx.params['item-path']);
  const name = segments.pop();
  let file: Parameters<typeof putFile>[2];
  if (name === undefined) {
    // PUT items/{id}/content replaces an existing file's bytes.
    const item = getItem(ref.drive, ctx.params['item-id'] ?? ref.drive.rootId);
    if (item.folder) throw badRequest('The item is a folder and has no content.');
    file = {
      parentId: item.parentId ?? ref.drive.rootId,
      name: item.name,
      data,
      conflict: 'replace',
    };
  } else {
    const conflict = conflictBehavior(ctx, 'replace');
    // Missing parent folders are created, as SharePoint does for path-addressed uploads.
    const start = ctx.params['item-id'] ?? ref.drive.rootId;
    const parent = ensureFolders(ref.drive, start, segments, ctx.claims.appid);
    file = { parentId: parent.id, name, data, conflict };
  }
  const result = putFile(ref.drive, ctx.store.blobs, file, ctx.claims.appid);
  ctx.store.changed();
  return json(result.created ? 201 : 200, driveItemJson(ref, result.item));
}

export function postFolder(ctx: GraphContext): SimResponse {
  const { ref, item: parent } = located(ctx);
  const body = jsonBody(ctx.req);
  if (typeof body.name !== 'string' || typeof body.folder !== 'object') {
    throw badRequest('A folder needs a name and a folder facet.'); // unverified wording
  }
  const conflict = conflictBehavior(ctx, 'fail', body['@microsoft.graph.conflictBehavior']);
  const folder = createFolder(ref.drive, parent.id, body.name, conflict, ctx.claims.appid);
  ctx.store.changed();
  return json(201, driveItemJson(ref, folder));
}

export function deleteDriveItem(ctx: GraphContext): SimResponse {
  const { ref, item } = located(ctx);
  deleteItem(ref.drive, ctx.store.blobs, item.id);
  ctx.store.changed();
  return noContent();
}
