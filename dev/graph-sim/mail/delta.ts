/**
 * GET /users/{u}/mailFolders/{f}/messages/delta: the first round lists the folder, later rounds
 * (the deltaLink) what changed in it since: messages created, moved in or updated, and
 * `{"id","@removed":{"reason":"deleted"}}` for those moved out or deleted. Pages end with a
 * nextLink (`$skiptoken`), the last with a deltaLink (`$deltatoken`). A token the simulator no
 * longer knows is 410 with a fresh first-round URL in Location (docs/graph.md "Exchange Online").
 */
import { type GraphContext, param, queryOption, topOption } from '../context';
import { GraphError } from '../errors';
import { json } from '../http';
import { type MailHandler, maxPageSize, wantsImmutableIds } from './access';
import { type DeltaCursor, decodeCursor, encodeCursor } from './deltaToken';
import { MESSAGE_PROPERTIES, messageJson, parseSelect, pick } from './json';
import { findFolder } from './mailboxes';
import type { MailChange, MailboxState, MessageState } from './model';
import { DEFAULT_PAGE, MAX_PAGE, newestFirst, parseMessageFilter } from './query';

const CHANGE_TYPES = new Set(['created', 'updated', 'deleted']);

function link(ctx: GraphContext, query: Record<string, string | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined) q.set(k, v);
  const s = q.toString();
  return `${ctx.req.baseUrl}${ctx.req.path}${s ? `?${s}` : ''}`;
}

function firstRound(ctx: GraphContext, box: MailboxState, folderId: string): DeltaCursor {
  const select = queryOption(ctx, 'select');
  const filter = queryOption(ctx, 'filter');
  const changeType = ctx.req.query.get('changeType') ?? undefined;
  parseSelect(select, MESSAGE_PROPERTIES, 'microsoft.graph.message');
  parseMessageFilter(filter);
  if (changeType !== undefined && !CHANGE_TYPES.has(changeType))
    throw new GraphError(400, 'BadRequest', `Invalid value '${changeType}' for changeType.`);
  const top = topOption(ctx, DEFAULT_PAGE, MAX_PAGE);
  return { f: folderId, e: box.deltaEpoch, from: null, off: 0, n: top, select, filter, changeType };
}

/** Where the request stands: a new round, the next page of one, or the round after a deltaLink. */
function cursorOf(ctx: GraphContext, box: MailboxState, folderId: string): DeltaCursor {
  const skip = ctx.req.query.get('$skiptoken');
  const delta = ctx.req.query.get('$deltatoken');
  if (skip === null && delta === null) return firstRound(ctx, box, folderId);
  const cursor = decodeCursor(skip ?? delta ?? '');
  if (!cursor || cursor.e !== box.deltaEpoch || cursor.f !== folderId) {
    const fresh = {
      $select: cursor?.select,
      $filter: cursor?.filter,
      changeType: cursor?.changeType,
    };
    throw new GraphError(
      410,
      'syncStateNotFound',
      'The sync state generation is not found. Reset and retry the synchronization.',
      { location: link(ctx, fresh) },
    );
  }
  return skip !== null ? cursor : { ...cursor, off: 0, to: undefined };
}

export const getDelta: MailHandler = (ctx, box) => {
  const folder = findFolder(box, param(ctx, 'folder-id'));
  const start = cursorOf(ctx, box, folder.id);
  const cursor = { ...start, to: start.to ?? box.nextSeq - 1 };
  const n = Math.min(maxPageSize(ctx) ?? cursor.n, MAX_PAGE);
  const entries = deltaEntries(box, cursor, wantsImmutableIds(ctx));
  const value = entries.slice(cursor.off, cursor.off + n);
  const more = cursor.off + n < entries.length;
  const next = more
    ? {
        '@odata.nextLink': link(ctx, {
          $skiptoken: encodeCursor({ ...cursor, off: cursor.off + n }),
        }),
      }
    : {
        '@odata.deltaLink': link(ctx, {
          $deltatoken: encodeCursor({ ...cursor, from: cursor.to, to: undefined, off: 0 }),
        }),
      };
  const applied = maxPageSize(ctx) ? { 'preference-applied': `odata.maxpagesize=${n}` } : undefined;
  return json(200, { value, ...next }, applied);
};

/** The round's entries: the folder (first round) or the changes in (from, to], one per message. */
function deltaEntries(
  box: MailboxState,
  c: DeltaCursor & { to: number },
  immutable: boolean,
): object[] {
  const select = parseSelect(c.select, MESSAGE_PROPERTIES, 'microsoft.graph.message');
  const filter = parseMessageFilter(c.filter);
  const show = (m: MessageState): object => pick(messageJson(m, immutable), select);
  if (c.from === null) {
    if (c.changeType && c.changeType !== 'created') return [];
    return box.messages
      .filter((m) => m.folderId === c.f && (!filter || filter(m)))
      .sort(newestFirst)
      .map(show);
  }
  // Keyed by the id the caller sees: without immutable ids a moved message is another message.
  const last = new Map<string, { kind: MailChange['kind']; created: boolean; messageId: string }>();
  for (const ch of box.changes) {
    if (ch.seq <= c.from || ch.seq > c.to || ch.folderId !== c.f) continue;
    const key = immutable ? ch.messageId : ch.restId;
    const created = (last.get(key)?.created ?? false) || ch.kind === 'in';
    last.delete(key);
    last.set(key, { kind: ch.kind, created, messageId: ch.messageId });
  }
  const out: object[] = [];
  for (const [id, entry] of last) {
    const m = box.messages.find((x) => x.id === entry.messageId);
    const present =
      m && m.folderId === c.f && (immutable || m.restId === id) && entry.kind !== 'out';
    const type = present ? (entry.created ? 'created' : 'updated') : 'deleted';
    if (c.changeType && c.changeType !== type) continue;
    if (!present) out.push({ id, '@removed': { reason: 'deleted' } });
    else if (!filter || filter(m)) out.push(show(m));
  }
  return out;
}
