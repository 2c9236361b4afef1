/**
 * The Graph implementation of the Mail Log book (book.ts) on one site's ids. Graph requests:
 * findByAction 1; readEntry 1; setAction 1; readOriginal 1, and 1 more for the library's drive
 * the first time per site and process (shared with the site's attachments library).
 */
import { PermanentError } from '../errors';
import type { Graph } from '../sharepoint/graph';
import { isNotFound, isPreconditionFailed } from '../sharepoint/graphCallError';
import { type GraphItem, type ListRef, itemsPath, lookupId } from '../sharepoint/items';
import { drivePath } from '../sharepoint/library';
import { keptOriginalSegments } from '../sharepoint/mailLog';
import { fieldEquals } from '../sharepoint/odata';
import { MAIL_LOG_ACTIONS, type MailLogAction } from '../sharepoint/schema';
import type { ActionChange, MailLogBook, MailLogItem } from './book';

const FIELDS = 'Action,MailKey,Original';

type FoundItem = GraphItem & { eTag?: string; lastModifiedDateTime?: string };

const str = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined);

function entryOf(item: FoundItem): MailLogItem {
  const f = item.fields ?? {};
  const action = MAIL_LOG_ACTIONS.find((a) => a === f.Action);
  const modified = Date.parse(item.lastModifiedDateTime ?? '');
  const mailKey = str(f.MailKey);
  const original = str(f.Original);
  return {
    id: item.id,
    eTag: item.eTag ?? str(f['@odata.etag']) ?? '',
    ...(action ? { action } : {}),
    ...(mailKey ? { mailKey } : {}),
    ...(original ? { original } : {}),
    ...(Number.isNaN(modified) ? {} : { modifiedAt: new Date(modified) }),
  };
}

/** The fields an ActionChange writes; the note is cleared once the item is done. */
function fieldsOf(change: ActionChange): Record<string, string | number> {
  switch (change.action) {
    case 'Done':
      return change.ticketId
        ? { Action: 'Done', TicketLookupId: lookupId(change.ticketId, 'ticket id'), ActionNote: '' }
        : { Action: 'Done', ActionNote: 'ticket-not-found' };
    case 'Failed':
      return { Action: 'Failed', ActionNote: change.note.slice(0, 255) };
    default:
      return { Action: change.action };
  }
}

export class GraphMailLogBook implements MailLogBook {
  private readonly graph: Graph;

  constructor(
    private readonly list: ListRef,
    /** The attachments library's drive id (resolved once per site by library.ts). */
    private readonly driveId: () => Promise<string>,
  ) {
    this.graph = list.graph;
  }

  async findByAction(actions: readonly MailLogAction[], top: number): Promise<MailLogItem[]> {
    const page = await this.graph.get<{ value?: FoundItem[] }>(itemsPath(this.list), {
      op: 'find mail log actions',
      query: {
        $filter: actions.map((a) => fieldEquals('Action', a)).join(' or '),
        $select: 'id,eTag,lastModifiedDateTime',
        $expand: `fields($select=${FIELDS})`,
        $top: String(top),
      },
    });
    return (page.value ?? []).map(entryOf);
  }

  async readEntry(id: string): Promise<MailLogItem | undefined> {
    try {
      const item = await this.graph.get<FoundItem>(
        `${itemsPath(this.list)}/${lookupId(id, 'mail log item id')}`,
        { op: 'read mail log item', query: { $expand: `fields($select=${FIELDS})` } },
      );
      return entryOf(item);
    } catch (err) {
      if (isNotFound(err)) return undefined;
      throw err;
    }
  }

  async setAction(
    entry: Pick<MailLogItem, 'id' | 'eTag'>,
    change: ActionChange,
  ): Promise<MailLogItem | undefined> {
    try {
      const fields = await this.graph.patch<{ '@odata.etag'?: string }>(
        `${itemsPath(this.list)}/${lookupId(entry.id, 'mail log item id')}/fields`,
        fieldsOf(change),
        { op: `mark mail log item ${change.action}`, headers: { 'If-Match': entry.eTag } },
      );
      const eTag = fields['@odata.etag'] ?? entry.eTag;
      return { id: entry.id, eTag, action: change.action };
    } catch (err) {
      if (isPreconditionFailed(err) || isNotFound(err)) return undefined;
      throw err;
    }
  }

  async readOriginal(original: string, maxBytes: number): Promise<Buffer | undefined> {
    const path = `${drivePath(await this.driveId(), keptOriginalSegments(original))}:/content`;
    try {
      const bytes = await this.graph.download(path, maxBytes, { op: 'read mail log original' });
      if (bytes !== 'too-large') return bytes;
    } catch (err) {
      if (isNotFound(err)) return undefined;
      throw err;
    }
    throw new PermanentError('file-too-large', 'the kept original is larger than allowed');
  }
}
