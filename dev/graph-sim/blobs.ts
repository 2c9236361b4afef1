/**
 * File bytes live outside the state JSON: a 30 MB attachment as base64 inside one JSON document
 * would make every debounced save rewrite 40 MB and keep two copies in memory. With a state file,
 * each file's bytes are one file in a directory beside it; without one, they stay in memory.
 * Blobs are immutable and named at random: replacing a file writes a new blob, so a name is never
 * reused and a blob the saved state still names is never overwritten.
 */
import { randomUUID } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';

import type { DriveItemState, SimState } from './model';

export interface Blobs {
  /** Stores the bytes and returns the blob's id; synchronous so the caller references it at once. */
  put(data: Buffer): string;
  get(id: string): Buffer;
  /** The item no longer needs the blob; memory frees it now, a directory at its next collection. */
  release(id: string): void;
  /** Deletes every blob whose id is not in `keep` (a directory's garbage after a save). */
  collect(keep: Set<string>): void;
}

const newBlobId = (): string => randomUUID().replace(/-/g, '');
const BLOB_ID = /^[0-9a-f]{32}$/;

export class MemoryBlobs implements Blobs {
  private readonly data = new Map<string, Buffer>();

  put(data: Buffer): string {
    const id = newBlobId();
    this.data.set(id, Buffer.from(data));
    return id;
  }

  get(id: string): Buffer {
    const data = this.data.get(id);
    if (!data) throw new Error(`blob ${id} is missing`);
    return data;
  }

  release(id: string): void {
    this.data.delete(id);
  }

  collect(keep: Set<string>): void {
    for (const id of this.data.keys()) if (!keep.has(id)) this.data.delete(id);
  }
}

export class DirectoryBlobs implements Blobs {
  constructor(readonly dir: string) {}

  put(data: Buffer): string {
    const id = newBlobId();
    mkdirSync(this.dir, { recursive: true });
    // Temp file + rename: a crash mid-write leaves garbage for collect(), never half a blob.
    const tmp = join(this.dir, `${id}.tmp`);
    writeFileSync(tmp, data);
    renameSync(tmp, join(this.dir, id));
    return id;
  }

  get(id: string): Buffer {
    if (!BLOB_ID.test(id)) throw new Error(`blob id ${id} is malformed`);
    return readFileSync(join(this.dir, id));
  }

  /** The saved state may still name it: only collect(), after a save, may delete it. */
  release(): void {}

  collect(keep: Set<string>): void {
    if (!existsSync(this.dir)) return;
    for (const name of readdirSync(this.dir)) {
      if (!keep.has(name)) rmSync(join(this.dir, name), { force: true });
    }
  }
}

/** `.local/graph-sim.json` keeps its files in `.local/graph-sim.files/`. */
export function blobDirOf(stateFile: string): string {
  return join(dirname(stateFile), `${basename(stateFile, extname(stateFile))}.files`);
}

/** Every blob the state names: what a collection must keep. */
export function referencedBlobs(state: SimState): Set<string> {
  const ids = new Set<string>();
  for (const tenant of state.tenants)
    for (const site of tenant.sites)
      for (const list of site.lists)
        for (const item of Object.values(list.drive?.items ?? {}))
          if (item.blob) ids.add(item.blob);
  // Raw MIME of the simulated mailboxes (mail/model.ts), and files attached to their drafts.
  for (const tenant of state.tenants)
    for (const box of tenant.mailboxes ?? [])
      for (const m of box.messages) {
        ids.add(m.blob);
        for (const a of m.attachments ?? []) ids.add(a.blob);
      }
  return ids;
}

/** A file's bytes; state files written before blobs existed keep them inline as base64. */
export function fileBytes(blobs: Blobs, item: DriveItemState): Buffer {
  if (item.blob) return blobs.get(item.blob);
  return Buffer.from(item.content ?? '', 'base64');
}

/** Points the item at new bytes and lets go of the old ones. */
export function setFileBytes(blobs: Blobs, item: DriveItemState, data: Buffer): void {
  const old = item.blob;
  item.blob = blobs.put(data);
  item.size = data.length;
  delete item.content;
  if (old) blobs.release(old);
}
