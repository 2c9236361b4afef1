/**
 * The `Ticket Attachments` document library (docs/schema.md): one folder per ticket
 * id, a comment's files in `{ticketId}/{commentId}/`. Files are addressed by path, so SharePoint
 * creates a missing folder with the first file written into it: no folder requests at all.
 * Graph requests: the library's drive once per site and process; then see folderUpload.ts.
 */
import { PermanentError } from '../errors';
import { isNotFound } from './graphCallError';
import type { Graph } from './graph';
import { GraphFolderUpload } from './folderUpload';
import type { ListRef } from './items';
import { ORIGINAL_MAIL } from './fileName';
import { listFiles, readFile } from './libraryFiles';
import type {
  AttachmentLibrary,
  BodyRef,
  FolderRef,
  FolderUpload,
  LibraryFile,
} from './libraryTypes';

// The library's types live apart so the upload code can share them without importing this file.
export type {
  AttachmentLibrary,
  BodyRef,
  FolderRef,
  FolderUpload,
  LibraryFile,
  NewFile,
  StoredFile,
  UploadReport,
} from './libraryTypes';

/** Folder path segments; ids are list item ids, so nothing a mail wrote ends up in the path. */
export function folderSegments(folder: FolderRef): string[] {
  const ids =
    folder.commentId === undefined ? [folder.ticketId] : [folder.ticketId, folder.commentId];
  if (!ids.every((id) => /^\d{1,10}$/.test(id))) {
    throw new PermanentError('invalid-folder', 'ticket and comment ids must be list item ids');
  }
  return ids;
}

/** `/drives/{d}/root:/a/b`: each segment URL-encoded, so `#`, `%` and spaces stay in the name. */
export function drivePath(driveId: string, segments: readonly string[]): string {
  return `/drives/${driveId}/root:/${segments.map(encodeURIComponent).join('/')}`;
}

export class GraphAttachmentLibrary implements AttachmentLibrary {
  private drive: Promise<string> | undefined;

  constructor(
    private readonly graph: Graph,
    private readonly library: ListRef,
    private readonly lists: Record<BodyRef['list'], ListRef>,
  ) {}

  async hasOriginal(folder: FolderRef): Promise<boolean> {
    const path = drivePath(await this.driveId(), [...folderSegments(folder), ORIGINAL_MAIL]);
    try {
      await this.graph.get(path, { op: 'find original mail', query: { $select: 'id' } });
      return true;
    } catch (err) {
      if (isNotFound(err)) return false;
      throw err;
    }
  }

  upload(folder: FolderRef): FolderUpload {
    const segments = folderSegments(folder);
    return new GraphFolderUpload(this.graph, async (name) =>
      drivePath(await this.driveId(), [...segments, name]),
    );
  }

  async updateBody(item: BodyRef, html: string): Promise<void> {
    const list = this.lists[item.list];
    const path = `/sites/${list.siteId}/lists/${list.listId}/items/${item.id}/fields`;
    await this.graph.patch(path, { Body: html }, { op: 'update body' });
  }

  async listFiles(folder: FolderRef): Promise<LibraryFile[]> {
    return listFiles(this.graph, drivePath(await this.driveId(), folderSegments(folder)));
  }

  async readFile(file: LibraryFile, maxBytes: number): Promise<Buffer> {
    return readFile(this.graph, await this.driveId(), file.id, maxBytes);
  }

  /** The library's drive id, resolved once (a document library is a list with a drive). */
  driveId(): Promise<string> {
    this.drive ??= this.graph
      .get<{ id: string }>(`/sites/${this.library.siteId}/lists/${this.library.listId}/drive`, {
        op: 'open attachment library',
        query: { $select: 'id' },
      })
      .then(
        (d) => d.id,
        (err: unknown) => {
          this.drive = undefined;
          throw err;
        },
      );
    return this.drive;
  }
}
