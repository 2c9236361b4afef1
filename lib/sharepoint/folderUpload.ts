/**
 * Writes one mail's files into one folder, in the order they are added, with few round trips:
 * small files wait in a group that goes out as one `$batch` (fileBatch.ts), a file above 4 MiB
 * goes through an upload session (uploadSession.ts) once the group before it is written. Memory
 * stays bounded by the group (BATCH_MAX_BYTES) plus one session fragment, whatever the mail holds.
 *
 * Graph requests: one `$batch` per 20 small files (a single small file: one simple upload), an
 * upload session per large file (create + one PUT per 5 MiB). Uploads replace a file of the same
 * name: the folder belongs to one mail and its names are unique, so a redelivered mail writes the
 * same files again instead of adding copies.
 */
import { Readable } from 'node:stream';

import { PermanentError, errorCode, isPermanent } from '../errors';
import { type BatchFile, uploadBatch } from './fileBatch';
import type { Graph } from './graph';
import type { FolderUpload, NewFile, StoredFile, UploadReport } from './libraryTypes';
import { type DriveItem, uploadInSession } from './uploadSession';

// docs/graph.md "Files": simple upload for files up to 4 MiB, upload sessions above.
export const SIMPLE_UPLOAD_MAX = 4 * 1024 * 1024;
// JSON batching allows 20 requests; 2 MiB of files (2.7 MiB as base64) keeps a batch well inside
// what one request may carry, and is all the memory a group holds.
export const BATCH_MAX_FILES = 20;
export const BATCH_MAX_BYTES = 2 * 1024 * 1024;

/** The whole content of a small file (at most SIMPLE_UPLOAD_MAX bytes). */
export async function readSmall(content: Readable | Buffer, size: number): Promise<Buffer> {
  if (Buffer.isBuffer(content)) return content;
  const chunks: Buffer[] = [];
  let length = 0;
  for await (const chunk of content.iterator({ destroyOnReturn: false }) as AsyncIterable<Buffer>) {
    length += chunk.length;
    if (length > size) throw new PermanentError('file-size-mismatch', 'file longer than declared');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, length);
}

const stored = (item: DriveItem, name: string): StoredFile => ({
  name: item.name ?? name,
  webUrl: item.webUrl,
});

export class GraphFolderUpload implements FolderUpload {
  private group: BatchFile[] = [];
  private groupBytes = 0;
  private readonly report: UploadReport = { stored: [], refused: [] };

  constructor(
    private readonly graph: Graph,
    /** The file's drive path (`/drives/{d}/root:/{folder}/{name}`). */
    private readonly pathOf: (name: string) => Promise<string>,
  ) {}

  async add(file: NewFile): Promise<void> {
    const path = await this.pathOf(file.name);
    if (file.size > SIMPLE_UPLOAD_MAX) {
      await this.flush();
      await this.refusable(async () => {
        const item = await uploadInSession(this.graph, path, file.size, file.content);
        this.report.stored.push(stored(item, file.name));
      });
      return;
    }
    const data = await readSmall(file.content, file.size);
    if (data.length !== file.size) {
      throw new PermanentError('file-size-mismatch', 'file shorter than declared');
    }
    const full = this.group.length >= BATCH_MAX_FILES;
    if (full || this.groupBytes + data.length > BATCH_MAX_BYTES) await this.flush();
    this.group.push({ name: file.name, path, data });
    this.groupBytes += data.length;
  }

  async finish(): Promise<UploadReport> {
    await this.flush();
    return this.report;
  }

  private async flush(): Promise<void> {
    const files = this.group;
    this.group = [];
    this.groupBytes = 0;
    const [only] = files;
    if (!only) return;
    if (files.length === 1) {
      // One file: a plain PUT, without base64 and the batch envelope around it.
      await this.refusable(async () => {
        const item = await this.graph.put<DriveItem>(`${only.path}:/content`, only.data, {
          op: 'upload file',
          headers: { 'Content-Type': 'application/octet-stream' },
        });
        this.report.stored.push(stored(item, only.name));
      });
      return;
    }
    const result = await uploadBatch(this.graph, files);
    this.report.stored.push(...result.stored);
    this.report.refused.push(...result.refused);
  }

  /** A file SharePoint refuses for good is reported and skipped; anything else propagates. */
  private async refusable(work: () => Promise<void>): Promise<void> {
    try {
      await work();
    } catch (err) {
      if (!isPermanent(err)) throw err;
      this.report.refused.push(errorCode(err));
    }
  }
}
