/**
 * The `Ticket Attachments` document library (docs/schema.md): one folder per ticket
 * id, a comment's files in `{ticketId}/{commentId}/`. Files are addressed by path, so SharePoint
 * creates a missing folder with the first file written into it: no folder requests at all.
 * Graph requests: the library's drive once per site and process; then see folderUpload.ts.
 */
import type { Readable } from 'node:stream';

import { PermanentError } from '../errors';
import { isNotFound } from './graphCallError';
import type { Graph } from './graph';
import { GraphFolderUpload } from './folderUpload';
import type { ListRef } from './items';
import { ORIGINAL_MAIL } from './fileName';

/** Where one mail's files go: its ticket's folder, or its comment's folder inside it. */
export interface FolderRef {
  ticketId: string;
  commentId?: string | undefined;
}

export interface NewFile {
  /** Already safe and unique within the folder (fileName.ts). */
  name: string;
  /** Exact byte count; decides simple upload or upload session before the bytes arrive. */
  size: number;
  content: Readable | Buffer;
}

export interface StoredFile {
  name: string;
  /** Where an agent's browser loads the file (the driveItem's webUrl). */
  webUrl: string | undefined;
}

export interface UploadReport {
  stored: StoredFile[];
  /** Error codes of files SharePoint refused for good; the mail's original.eml still holds them. */
  refused: string[];
}

/** One mail's files into one folder, written in the order added. */
export interface FolderUpload {
  /** Consumes the file's content before it resolves (the parser waits for it). */
  add(file: NewFile): Promise<void>;
  /** Writes what is still pending; throws a TransientError when the queue should retry. */
  finish(): Promise<UploadReport>;
}

/** A ticket or comment whose Body holds the mail's HTML. */
export interface BodyRef {
  list: 'tickets' | 'comments';
  id: string;
}

export interface AttachmentLibrary {
  /** True once the folder holds the mail's original.eml, which is always written last. */
  hasOriginal(folder: FolderRef): Promise<boolean>;
  upload(folder: FolderRef): FolderUpload;
  /** Replaces the Body of a ticket or comment (the body with its inline images' URLs). */
  updateBody(item: BodyRef, html: string): Promise<void>;
}

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

  /** The library's drive id, resolved once (a document library is a list with a drive). */
  private driveId(): Promise<string> {
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
