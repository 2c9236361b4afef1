/**
 * Large files (docs/graph.md "Files"): `POST .../createUploadSession` answers an uploadUrl on the
 * other host name of this server; fragments PUT there (no bearer token: the URL is the
 * credential) until the last one commits the file through the same write path as simple upload.
 * GET on the URL reports the session, DELETE cancels it.
 */
import type { AdminDeps } from './admin';
import { uploadCost } from './budgetCost';
import { type GraphContext, driveOf } from './context';
import { driveItemJson } from './driveJson';
import { conflictBehavior, pathSegments } from './drives';
import { GraphError, badRequest, notFound } from './errors';
import { checkConflict, checkName, ensureFolders, getItem, itemAtPath, putFile } from './files';
import { type SimRequest, type SimResponse, header, json, jsonBody, noContent } from './http';
import { findDrive } from './resolve';
import type { Store } from './state';
import {
  MAX_SESSION_BYTES,
  type UploadSession,
  checkFragment,
  sessionJson,
} from './uploadSessions';

export const UPLOAD_PATH = '/upload-sessions/';

/** The upload URL's origin: the loopback address when the client says localhost, and vice versa. */
export function uploadOrigin(baseUrl: string, loopback: string): string {
  const url = new URL(baseUrl);
  return url.hostname === 'localhost'
    ? `https://${loopback}${url.port ? `:${url.port}` : ''}`
    : `https://localhost${url.port ? `:${url.port}` : ''}`;
}

function sessionItem(body: Record<string, unknown>): Record<string, unknown> {
  const item = body.item ?? {};
  if (typeof item !== 'object' || item === null || Array.isArray(item)) {
    throw badRequest('item must be an object.');
  }
  if (body.deferCommit === true) throw badRequest('deferCommit is not supported by the simulator.');
  return item as Record<string, unknown>;
}

function fileSizeOf(item: Record<string, unknown>): number | undefined {
  const size = item.fileSize;
  if (size === undefined || size === null) return undefined;
  if (typeof size !== 'number' || !Number.isInteger(size) || size < 1) {
    throw badRequest('item.fileSize must be a positive whole number.');
  }
  if (size > MAX_SESSION_BYTES) {
    throw new GraphError(
      413,
      'requestTooLarge',
      `The simulator takes files up to ${MAX_SESSION_BYTES} bytes.`,
    );
  }
  return size;
}

/** `.../{name}:/createUploadSession` (a new or replaced file) or `items/{id}/createUploadSession`. */
export function createUploadSession(ctx: GraphContext): SimResponse {
  const ref = driveOf(ctx);
  const item = sessionItem(ctx.req.body.length ? jsonBody(ctx.req) : {});
  const folders = pathSegments(ctx.params['item-path']);
  let name = folders.pop();
  let startId = ctx.params['item-id'] ?? ref.drive.rootId;
  let conflict = conflictBehavior(ctx, 'fail', item['@microsoft.graph.conflictBehavior']);
  if (name === undefined) {
    // An existing file's id: its bytes are replaced.
    const existing = getItem(ref.drive, startId);
    if (existing.folder || !existing.parentId) throw badRequest('The item is a folder.');
    [name, startId, conflict] = [existing.name, existing.parentId, 'replace'];
  }
  getItem(ref.drive, startId);
  if (typeof item.name === 'string' && item.name !== name) {
    throw badRequest(`item.name '${item.name}' differs from the name in the path '${name}'.`); // unverified
  }
  [...folders, name].forEach(checkName);
  try {
    const parent = itemAtPath(ref.drive, startId, folders);
    if (parent.folder) checkConflict(ref.drive, parent.id, name, conflict);
  } catch (err) {
    // Missing folders are created on commit; any other refusal is the answer now.
    if (!(err instanceof GraphError && err.status === 404)) throw err;
  }
  const session = ctx.store.uploads.create({
    tenantId: ctx.claims.tid,
    appId: ctx.claims.appid,
    driveId: ref.drive.id,
    startId,
    folders,
    name,
    conflict,
    total: fileSizeOf(item),
  });
  const uploadUrl = `${ctx.req.uploadBaseUrl}${UPLOAD_PATH}${session.id}`;
  return json(200, sessionJson(session, uploadUrl));
}

/** The last fragment: the file is written as simple upload writes it (201 new, 200 replaced). */
function commit(store: Store, s: UploadSession): SimResponse {
  const ref = findDrive(store, { tid: s.tenantId, appid: s.appId, roles: [] }, s.driveId);
  const parent = ensureFolders(ref.drive, s.startId, s.folders, s.appId);
  const data = Buffer.concat(s.received);
  const file = { parentId: parent.id, name: s.name, data, conflict: s.conflict };
  const result = putFile(ref.drive, store.blobs, file, s.appId);
  store.changed();
  return json(result.created ? 201 : 200, driveItemJson(ref, result.item));
}

function putFragment(store: Store, session: UploadSession, req: SimRequest): SimResponse {
  const fragment = checkFragment(session, header(req, 'content-range'), req.body);
  session.total = fragment.total;
  session.received.push(req.body);
  session.next = fragment.end + 1;
  store.uploads.touch(session);
  if (session.next < fragment.total) return json(202, sessionJson(session));
  // Done or refused (409 on a name clash), the session is over.
  store.uploads.delete(session.id);
  return commit(store, session);
}

/** PUT, GET and DELETE on an upload URL: counted and throttled like Graph calls. */
export function handleUploadUrl(req: SimRequest, deps: AdminDeps): SimResponse {
  const id = /^\/upload-sessions\/([\w-]+)$/.exec(req.path)?.[1];
  deps.stats.record(`${req.method} ${UPLOAD_PATH}{session-id}`);
  const fault = deps.faults.next(req.method, req.path);
  if (fault) throw fault;
  if (header(req, 'authorization') !== undefined) {
    // Graph's docs: sending it "may result in 401"; always refusing catches the client bug here.
    throw new GraphError(
      401,
      'unauthenticated', // unverified code
      'Upload URLs are pre-authenticated: do not send an Authorization header.',
    );
  }
  if (!id) throw notFound('The upload session was not found or has expired.');
  const session = deps.store.uploads.find(id);
  // Upload URLs carry no token: the session's tenant and app are the ones charged.
  deps.budget.charge({ tid: session.tenantId, appid: session.appId }, uploadCost(req.method));
  switch (req.method) {
    case 'PUT':
      return putFragment(deps.store, session, req);
    case 'GET':
      return json(200, sessionJson(session));
    case 'DELETE':
      deps.store.uploads.delete(id);
      return noContent();
    default:
      throw new GraphError(
        405,
        'methodNotAllowed',
        `${req.method} is not allowed on an upload URL.`,
      );
  }
}
