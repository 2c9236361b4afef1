/**
 * An in-memory Mail Log (lib/mailLog/book.ts) with SharePoint's eTag rule: a change names the
 * eTag it read and is refused when the item changed since. Counts its calls as Graph requests.
 */
import { PermanentError } from '../../../lib/errors';
import type { ActionChange, MailLogBook, MailLogItem } from '../../../lib/mailLog/book';
import type { MailLogAction } from '../../../lib/sharepoint/schema';

export interface StoredEntry extends MailLogItem {
  ticketId?: string;
  note?: string;
  version: number;
}

export class MemoryMailLogBook implements MailLogBook {
  readonly items = new Map<string, StoredEntry>();
  readonly originals = new Map<string, Buffer>();
  readonly calls: string[] = [];
  /** The clock the items' modifiedAt is set from. */
  now = new Date('2026-03-01T10:00:00Z');

  add(id: string, fields: Partial<StoredEntry> = {}, original?: Buffer): StoredEntry {
    const path = `/sites/helpdesk/Ticket Attachments/_mail-log/2026-03/${'a'.repeat(63)}${id}.eml`;
    const entry: StoredEntry = {
      id,
      eTag: `"${id},1"`,
      version: 1,
      action: 'Make ticket',
      mailKey: `key-${id}`,
      original: path,
      modifiedAt: this.now,
      ...fields,
    };
    this.items.set(id, entry);
    if (original) this.originals.set(entry.original ?? '', original);
    return entry;
  }

  async findByAction(actions: readonly MailLogAction[], top: number): Promise<MailLogItem[]> {
    this.calls.push(`find ${actions.join('|')}`);
    const found = [...this.items.values()].filter((e) => e.action && actions.includes(e.action));
    return found.slice(0, top).map((e) => ({ ...e }));
  }

  async readEntry(id: string): Promise<MailLogItem | undefined> {
    this.calls.push('read');
    const e = this.items.get(id);
    return e && { ...e };
  }

  async setAction(
    entry: Pick<MailLogItem, 'id' | 'eTag'>,
    change: ActionChange,
  ): Promise<MailLogItem | undefined> {
    this.calls.push(`set ${change.action}`);
    const stored = this.items.get(entry.id);
    if (!stored || stored.eTag !== entry.eTag) return undefined;
    const version = stored.version + 1;
    Object.assign(stored, {
      action: change.action,
      version,
      eTag: `"${entry.id},${version}"`,
      modifiedAt: this.now,
      ...('ticketId' in change && change.ticketId ? { ticketId: change.ticketId } : {}),
      ...('note' in change ? { note: change.note } : {}),
    });
    return { ...stored };
  }

  async readOriginal(path: string, maxBytes: number): Promise<Buffer | undefined> {
    this.calls.push('original');
    const bytes = this.originals.get(path);
    if (bytes && bytes.length > maxBytes) throw new PermanentError('file-too-large', 'too large');
    return bytes;
  }
}
