/**
 * The user and folder routes: GET /users/{u}, the root's folders, one folder (id or well-known
 * name), a folder's child folders and creating one (a sibling's name taken → 409
 * ErrorFolderExists; the status is undocumented, see docs/graph.md "Exchange Online").
 */
import { type GraphContext, param, queryOption } from '../context';
import { GraphError, badRequest } from '../errors';
import { type SimResponse, json, jsonBody } from '../http';
import { type MailHandler, userOf } from './access';
import { FOLDER_PROPERTIES, folderJson, parseSelect, pick } from './json';
import { findFolder, newFolder } from './mailboxes';
import type { MailFolderState, MailboxState } from './model';
import { pageOf } from './query';

/** A directory read, not a mailbox one: neither RBAC nor the mailbox limits apply. */
export function getUser(ctx: GraphContext): SimResponse {
  const box = userOf(ctx);
  if (!box) {
    const ref = param(ctx, 'user-id');
    throw new GraphError(
      404,
      'Request_ResourceNotFound',
      `Resource '${ref}' does not exist or one of its queried reference-property objects are not present.`,
    );
  }
  return json(200, {
    id: box.userId,
    userPrincipalName: box.address,
    mail: box.address,
    displayName: box.displayName,
  });
}

function listFolders(ctx: GraphContext, box: MailboxState, parent: MailFolderState): SimResponse {
  const hidden = queryOption(ctx, 'includeHiddenFolders') === 'true';
  const select = parseSelect(
    queryOption(ctx, 'select'),
    FOLDER_PROPERTIES,
    'microsoft.graph.mailFolder',
  );
  const children = box.folders.filter(
    (f) => f.parentFolderId === parent.id && (hidden || !f.isHidden),
  );
  const page = pageOf(ctx, children);
  return json(200, { ...page, value: page.value.map((f) => pick(folderJson(box, f), select)) });
}

export const getRootFolders: MailHandler = (ctx, box) =>
  listFolders(ctx, box, findFolder(box, 'msgfolderroot'));

export const getChildFolders: MailHandler = (ctx, box) =>
  listFolders(ctx, box, findFolder(box, param(ctx, 'folder-id')));

export const getFolder: MailHandler = (ctx, box) => {
  const select = parseSelect(
    queryOption(ctx, 'select'),
    FOLDER_PROPERTIES,
    'microsoft.graph.mailFolder',
  );
  return json(200, pick(folderJson(box, findFolder(box, param(ctx, 'folder-id'))), select));
};

export const postChildFolder: MailHandler = (ctx, box) => {
  const parent = findFolder(box, param(ctx, 'folder-id'));
  const body = jsonBody(ctx.req);
  const name = body.displayName;
  if (typeof name !== 'string' || name.trim() === '') throw badRequest('displayName is required.');
  if (body.isHidden !== undefined && typeof body.isHidden !== 'boolean')
    throw badRequest('isHidden must be a boolean.');
  const taken = box.folders.some(
    (f) => f.parentFolderId === parent.id && f.displayName.toLowerCase() === name.toLowerCase(),
  );
  if (taken)
    throw new GraphError(
      409,
      'ErrorFolderExists',
      'A folder with the specified name already exists.',
    );
  const folder = newFolder(parent.id, name, undefined, body.isHidden === true);
  box.folders.push(folder);
  ctx.store.changed();
  return json(201, folderJson(box, folder));
};
