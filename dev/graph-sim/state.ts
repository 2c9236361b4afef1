/**
 * The store of the simulator's whole world, one JSON-serialisable value (its types: model.ts),
 * and its persistence: an optional state file written atomically (temp file + rename, so
 * a crash never leaves half a file), debounced so a burst of writes costs one save.
 */
import { createHash, randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

import { type Blobs, DirectoryBlobs, MemoryBlobs, blobDirOf, referencedBlobs } from './blobs';
import { MailEvents } from './mail/events';
import { MailboxGate } from './mail/gate';
import type { SimState } from './model';
import { UploadSessions } from './uploadSessions';

/** Save at most this often: a ticket is a handful of writes within milliseconds. */
const SAVE_DEBOUNCE_MS = 200;

/** SharePoint keeps whole seconds: items created within one second share their timestamps. */
export const nowIso = (): string => new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');

export const newGuid = (): string => randomUUID();

/** A GUID derived from its inputs, so a re-registered site keeps its id even without a state file. */
export function stableGuid(...parts: string[]): string {
  const h = createHash('sha256').update(parts.join('\n')).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export const emptyState = (): SimState => ({ version: 1, signingKey: null, tenants: [] });

export class Store {
  state: SimState;
  /** File bytes: beside the state file when there is one, else in memory. */
  readonly blobs: Blobs;
  /** Upload sessions in progress: in memory only (uploadSessions.ts). */
  readonly uploads = new UploadSessions();
  /** Mail arriving in folders, for change notifications (mail/events.ts): in memory only. */
  readonly mail = new MailEvents();
  /** Requests in flight per app and mailbox (mail/gate.ts): in memory only. */
  readonly mailboxGate = new MailboxGate();
  private timer: NodeJS.Timeout | undefined;
  private saving: Promise<void> = Promise.resolve();

  constructor(private readonly file?: string) {
    this.state = file ? loadState(file) : emptyState();
    this.blobs = file ? new DirectoryBlobs(blobDirOf(file)) : new MemoryBlobs();
    // Blobs of files replaced or deleted before the last save (or written by a crashed one).
    if (file) this.blobs.collect(referencedBlobs(this.state));
  }

  /** Call after every mutation; the write happens once the burst is over. */
  changed(): void {
    if (!this.file || this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.saving = this.saving.then(() => this.save()).catch(reportSaveError);
    }, SAVE_DEBOUNCE_MS);
  }

  /** Writes pending changes now (close, SIGTERM); safe to call when nothing changed. */
  async flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
      this.saving = this.saving.then(() => this.save()).catch(reportSaveError);
    }
    await this.saving;
  }

  private async save(): Promise<void> {
    if (!this.file) return;
    await mkdir(dirname(this.file), { recursive: true });
    const tmp = `${this.file}.${process.pid}.tmp`;
    const saved = referencedBlobs(this.state);
    await writeFile(tmp, JSON.stringify(this.state));
    await rename(tmp, this.file);
    // Keep what the file just written names and what the state names now (written since).
    for (const id of referencedBlobs(this.state)) saved.add(id);
    this.blobs.collect(saved);
  }
}

function reportSaveError(err: unknown): void {
  console.error(
    `graph-sim: could not save state: ${err instanceof Error ? err.message : String(err)}`,
  );
}

function loadState(file: string): SimState {
  if (!existsSync(file)) return emptyState();
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new Error(`state file ${file} is not valid JSON (${(err as Error).message})`, {
      cause: err,
    });
  }
  const s = parsed as Partial<SimState> | null;
  if (!s || s.version !== 1 || !Array.isArray(s.tenants)) {
    throw new Error(`state file ${file} is not a graph-sim state (version 1)`);
  }
  return { version: 1, signingKey: s.signingKey ?? null, tenants: s.tenants };
}
