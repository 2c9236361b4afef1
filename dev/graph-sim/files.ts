/**
 * A document library's drive as state: folders and files addressed by id or path, and the one
 * write path (putFile) that simple upload and upload sessions share: implicit parent folders and
 * conflictBehavior fail | replace | rename. File bytes go to the blob store (blobs.ts).
 */
import { randomBytes } from 'node:crypto';
import { extname } from 'node:path';

import { type Blobs, setFileBytes } from './blobs';
import { GraphError, notFound } from './errors';
import { mimeTypeOf } from './mime';
import { checkName, nameKey } from './names';
import type { ConflictBehavior, DriveItemState, DriveState } from './model';
import { nowIso } from './state';

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
    created: now,
    modified: now,
    version: 1,
    appId: '',
  };
  // Real drive ids are "b!" + base64url of the site and list GUIDs: opaque, URL-safe.
  const id = `b!${Buffer.from(`${listId}${randomBytes(12).toString('hex')}`).toString('base64url')}`;
  return { id, rootId, items: { [rootId]: root } };
}

export { checkName } from './names';

export function getItem(drive: DriveState, id: string): DriveItemState {
  const item = drive.items[id];
  if (!item) throw notFound('The resource could not be found.');
  return item;
}

export const childrenOf = (drive: DriveState, parentId: string): DriveItemState[] =>
  Object.values(drive.items)
    .filter((i) => i.parentId === parentId)
    .sort((a, b) => a.name.localeCompare(b.name));

/** Names compare case-insensitively in SharePoint (names.ts). */
const childNamed = (
  drive: DriveState,
  parentId: string,
  name: string,
): DriveItemState | undefined =>
  childrenOf(drive, parentId).find((i) => nameKey(i.name) === nameKey(name));

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

/** Refuses a name the parent already holds when the behaviour says so (or the holder is a folder). */
export function checkConflict(
  drive: DriveState,
  parentId: string,
  name: string,
  conflict: ConflictBehavior,
): void {
  checkName(name);
  const existing = childNamed(drive, parentId, name);
  if (existing && (conflict === 'fail' || existing.folder)) {
    throw new GraphError(
      409,
      'nameAlreadyExists',
      `The specified item name already exists. Name: ${name}`,
    );
  }
}

/** The one write path of simple upload and upload sessions: 201 when created, 200 when replaced. */
export function putFile(
  drive: DriveState,
  blobs: Blobs,
  file: { parentId: string; name: string; data: Buffer; conflict: ConflictBehavior },
  appId: string,
): { item: DriveItemState; created: boolean } {
  const { parentId, name, data, conflict } = file;
  checkConflict(drive, parentId, name, conflict);
  const existing = childNamed(drive, parentId, name);
  if (existing && conflict === 'replace') {
    setFileBytes(blobs, existing, data);
    Object.assign(existing, { modified: nowIso(), version: existing.version + 1, appId });
    return { item: existing, created: false };
  }
  const finalName = existing ? freeName(drive, parentId, name) : name;
  const item = addItem(drive, { name: finalName, parentId, folder: false, appId });
  item.mimeType = mimeTypeOf(finalName);
  setFileBytes(blobs, item, data);
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

export function deleteItem(drive: DriveState, blobs: Blobs, id: string): void {
  if (id === drive.rootId)
    throw new GraphError(403, 'accessDenied', 'The root of a drive cannot be deleted.');
  for (const child of childrenOf(drive, id)) deleteItem(drive, blobs, child.id);
  const blob = drive.items[id]?.blob;
  if (blob) blobs.release(blob);
  delete drive.items[id];
}
