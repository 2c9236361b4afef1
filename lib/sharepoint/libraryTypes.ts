/**
 * What the `Ticket Attachments` library offers a mail's files (library.ts implements it with
 * folderUpload.ts and fileBatch.ts): types only, shared by all three without a cycle.
 */
import type { Readable } from 'node:stream';

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

/** A file found in a folder, for sending it on (an agent's reply attaches its comment's files). */
export interface LibraryFile {
  /** The driveItem id. */
  id: string;
  name: string;
  size: number;
  webUrl?: string;
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
  /** The files in the folder, not its subfolders; none when the folder does not exist. */
  listFiles(folder: FolderRef): Promise<LibraryFile[]>;
  /** The file's bytes; a PermanentError when it holds more than `maxBytes`. */
  readFile(file: LibraryFile, maxBytes: number): Promise<Buffer>;
}
