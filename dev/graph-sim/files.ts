/**
 * A document library's drive as state: folders and files addressed by id or path, and the one
 * write path (putFile) that simple upload uses now and upload sessions can reuse: implicit parent
 * folders and conflictBehavior fail | replace | rename.
 */
import { randomBytes } from 'node:crypto';
import { extname } from 'node:path';

import { GraphError, badRequest, notFound } from './errors';
import { type DriveItemState, type DriveState, nowIso } from './state';

export type ConflictBehavior = 'fail' | 'replace' | 'rename';

/** SharePoint item ids look like 01 followed by 32 base-32 characters. */
const newItemId = (): string => `01${randomBytes(20).toString('hex').toUpperCase().slice(0, 32)}`;

export function newDrive(listId: string): DriveState {
  const now = nowIso();
  const rootId = newItemId();
  const root: DriveItemState = {
    id: rootId,
    name: 'root',
    parentId: null,
    folder: true,
    size: 0,
    mimeType: '',
    content: '',
    created: now,
    modified: now,
    version: 1,
    appId: '',
  };
  // Real drive ids are "b!" + base64url of the site and list GUIDs: opaque, URL-safe.
  const id = `b!${Buffer.from(`${listId}${randomBytes(12).toString('hex')}`).toString('base64url')}`;
  return { id, rootId, items: { [rootId]: root } };
}

/** SharePoint refuses these characters in file and folder names, and names that are only dots. */
const ILLEGAL_CHARS = new Set('"*:<>?/\\|');
const hasIllegalChar = (name: string): boolean =>
  [...name].some((c) => ILLEGAL_CHARS.has(c) || c.charCodeAt(0) < 0x20);

export function checkName(name: string): void {
  if (!name.trim() || /^\.+$/.test(name) || hasIllegalChar(name) || name.length > 255) {
    throw badRequest(`The name '${name}' contains characters that are not allowed.`); // unverified wording
  }
}

export function getItem(drive: DriveState, id: string): DriveItemState {
  const item = drive.items[id];
  if (!item) throw notFound('The resource could not be found.');
  return item;
}

export const childrenOf = (drive: DriveState, parentId: string): DriveItemState[] =>
  Object.values(drive.items)
    .filter((i) => i.parentId === parentId)
    .sort((a, b) => a.name.localeCompare(b.name));

/** Names compare case-insensitively in SharePoint. */
const childNamed = (
  drive: DriveState,
  parentId: string,
  name: string,
): DriveItemState | undefined =>
  childrenOf(drive, parentId).find((i) => i.name.toLowerCase() === name.toLowerCase());

export function itemAtPath(drive: DriveState, fromId: string, segments: string[]): DriveItemState {
  let item = getItem(drive, fromId);
  for (const seg of segments) {
    const next = item.folder ? childNamed(drive, item.id, seg) : undefined;
    if (!next) throw notFound('The resource could not be found.');
    item = next;
  }
  return item;
}

export function ensureFolders(
  drive: DriveState,
  fromId: string,
  segments: string[],
  appId: string,
): DriveItemState {
  let parent = getItem(drive, fromId);
  for (const seg of segments) {
    checkName(seg);
    const existing = childNamed(drive, parent.id, seg);
    if (existing && !existing.folder)
      throw new GraphError(
        409,
        'nameAlreadyExists',
        `The specified item name already exists. Name: ${seg}`,
      );
    parent = existing ?? addItem(drive, { name: seg, parentId: parent.id, folder: true, appId });
  }
  return parent;
}

function addItem(
  drive: DriveState,
  init: Pick<DriveItemState, 'name' | 'parentId' | 'folder' | 'appId'>,
): DriveItemState {
  const now = nowIso();
  const item: DriveItemState = {
    id: newItemId(),
    size: 0,
    mimeType: '',
    content: '',
    created: now,
    modified: now,
    version: 1,
    ...init,
  };
  drive.items[item.id] = item;
  return item;
}

/** OneDrive's rename pattern: "report.pdf" → "report 1.pdf", "report 2.pdf", ... */
function freeName(drive: DriveState, parentId: string, name: string): string {
  const ext = extname(name);
  const stem = name.slice(0, name.length - ext.length);
  let candidate = name;
  for (let n = 1; childNamed(drive, parentId, candidate); n++) candidate = `${stem} ${n}${ext}`;
  return candidate;
}

export function putFile(
  drive: DriveState,
  parentId: string,
  name: string,
  data: Buffer,
  conflict: ConflictBehavior,
  appId: string,
): { item: DriveItemState; created: boolean } {
  checkName(name);
  const existing = childNamed(drive, parentId, name);
  if (existing && (conflict === 'fail' || existing.folder)) {
    throw new GraphError(
      409,
      'nameAlreadyExists',
      `The specified item name already exists. Name: ${name}`,
    );
  }
  const content = {
    size: data.length,
    content: data.toString('base64'),
    mimeType: mimeTypeOf(name),
  };
  if (existing && conflict === 'replace') {
    Object.assign(existing, content, { modified: nowIso(), version: existing.version + 1, appId });
    return { item: existing, created: false };
  }
  const finalName = existing ? freeName(drive, parentId, name) : name;
  const item = addItem(drive, { name: finalName, parentId, folder: false, appId });
  Object.assign(item, content);
  return { item, created: true };
}

export function createFolder(
  drive: DriveState,
  parentId: string,
  name: string,
  conflict: ConflictBehavior,
  appId: string,
): DriveItemState {
  checkName(name);
  const existing = childNamed(drive, parentId, name);
  if (existing?.folder && conflict === 'replace') return existing;
  if (existing && conflict !== 'rename') {
    throw new GraphError(
      409,
      'nameAlreadyExists',
      `The specified item name already exists. Name: ${name}`,
    );
  }
  const finalName = existing ? freeName(drive, parentId, name) : name;
  return addItem(drive, { name: finalName, parentId, folder: true, appId });
}

export function deleteItem(drive: DriveState, id: string): void {
  if (id === drive.rootId)
    throw new GraphError(403, 'accessDenied', 'The root of a drive cannot be deleted.');
  for (const child of childrenOf(drive, id)) deleteItem(drive, child.id);
  delete drive.items[id];
}

const MIME_TYPES: Record<string, string> = {
  '.txt': 'text/plain',
  '.html': 'text/html',
  '.htm': 'text/html',
  '.eml': 'message/rfc822',
  '.json': 'application/json',
  '.csv': 'text/csv',
  '.pdf': 'application/pdf',
  '.zip': 'application/zip',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.docx': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

export const mimeTypeOf = (name: string): string =>
  MIME_TYPES[extname(name).toLowerCase()] ?? 'application/octet-stream';
