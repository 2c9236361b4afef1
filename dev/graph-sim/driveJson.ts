/**
 * The Graph shapes of drives and driveItems (docs/graph.md "Files"): what every drive route returns
 * and what a later upload session's last fragment will return.
 */
import { childrenOf, getItem } from './files';
import { type DriveRef, listUrl } from './resolve';
import type { DriveItemState, DriveState } from './model';
import { stableGuid } from './state';

// SharePoint's webUrl percent-encodes spaces, '#', '%' and non-ASCII but keeps RFC 3986's
// sub-delimiters (= + & $ , ; ! ' ( ) *) and '@' as they are: a client must not assume more.
const webUrlSegment = (segment: string): string =>
  encodeURIComponent(segment).replace(/%(?:21|24|26|2B|2C|3B|3D|40)/g, decodeURIComponent);

export function driveJson(ref: DriveRef): object {
  const { site, list, drive } = ref;
  return {
    createdDateTime: list.created,
    description: list.description,
    id: drive.id,
    lastModifiedDateTime: list.modified,
    name: list.displayName,
    webUrl: listUrl(site, list),
    driveType: 'documentLibrary',
    createdBy: { user: { displayName: 'System Account' } },
  };
}

function pathOf(drive: DriveState, item: DriveItemState): string[] {
  const names: string[] = [];
  for (let cur = item; cur.parentId; cur = getItem(drive, cur.parentId)) names.unshift(cur.name);
  return names;
}

export function driveItemJson(ref: DriveRef, item: DriveItemState): object {
  const { site, list, drive } = ref;
  const guid = stableGuid(drive.id, item.id);
  const by = {
    application: { id: item.appId, displayName: 'SharePoint App' },
    user: { displayName: 'SharePoint App' },
  };
  const path = pathOf(drive, item);
  const base = {
    createdDateTime: item.created,
    eTag: `"{${guid.toUpperCase()}},${item.version}"`,
    id: item.id,
    lastModifiedDateTime: item.modified,
    name: item.name,
    webUrl: [listUrl(site, list), ...path.map(webUrlSegment)].join('/'),
    cTag: `"c:{${guid.toUpperCase()}},${item.version}"`,
    size: item.folder ? childrenOf(drive, item.id).reduce((n, c) => n + c.size, 0) : item.size,
    fileSystemInfo: { createdDateTime: item.created, lastModifiedDateTime: item.modified },
  };
  if (!item.parentId) {
    return {
      ...base,
      parentReference: { driveType: 'documentLibrary', driveId: drive.id, siteId: site.id },
      root: {},
      folder: { childCount: childrenOf(drive, item.id).length },
    };
  }
  const parentPath = path.slice(0, -1).map(encodeURIComponent).join('/');
  return {
    ...base,
    createdBy: by,
    lastModifiedBy: by,
    parentReference: {
      driveType: 'documentLibrary',
      driveId: drive.id,
      id: item.parentId,
      path: `/drives/${drive.id}/root:${parentPath ? `/${parentPath}` : ''}`,
      siteId: site.id,
    },
    ...(item.folder
      ? { folder: { childCount: childrenOf(drive, item.id).length } }
      : { file: { mimeType: item.mimeType } }),
  };
}
