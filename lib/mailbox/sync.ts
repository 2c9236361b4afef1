/**
 * Catch-up: the inbox's message delta, one FetchJob per message found (claims make the ones
 * already staged cost nothing more). It starts from the stored deltaLink; a first round, or one
 * whose token Exchange forgot (410 Gone, `syncStateNotFound`), starts afresh with a window of
 * `receivedDateTime ge` the last sync (or the connection) minus a day: a new connection does not
 * turn years of old inbox into tickets, and a restart misses nothing that came since.
 *
 * Once a day the round starts afresh on purpose. A delta only reports changes, so a message
 * whose fetch job failed for good (poisoned after Exchange was down for a while) would never be
 * named again; the fresh round names every message still in the inbox from the window, and the
 * claims make the ones already staged cost one blob read each. Processed mail has left the inbox.
 */
import { isGraphCallError } from '../sharepoint/graphCallError';
import type { OpenMailbox } from './context';
import type { MailboxDeps } from './deps';
import type { Exchange, ExchangeCall } from './exchange';
import type { MailboxRecord } from './record';
import { type Page, userPath } from './paths';

export const SYNC_WINDOW_MS = 24 * 3600 * 1000;
export const FRESH_ROUND_EVERY_MS = 24 * 3600 * 1000;
// 50 per page, at most 100 pages (5,000 messages, Exchange's own cap under a $filter) per job:
// a longer backlog continues in a follow-up job instead of running into the function timeout.
const PAGE_SIZE = 50;
export const MAX_PAGES = 100;

interface DeltaItem {
  id: string;
  '@removed'?: unknown;
}

export interface SyncResult {
  queued: number;
  pages: number;
  restarted: boolean;
  /** A backlog remains: its nextLink was stored and a follow-up job queued. */
  partial: boolean;
}

function isStaleToken(err: unknown): boolean {
  if (!isGraphCallError(err)) return false;
  return err.status === 410 || err.graphCode.toLowerCase() === 'syncstatenotfound';
}

function firstRound(record: MailboxRecord): { link: string; query: Record<string, string> } {
  const since = new Date(Date.parse(record.lastSyncAt ?? record.connectedAt) - SYNC_WINDOW_MS);
  return {
    link: `${userPath(record.userId)}/mailFolders/inbox/messages/delta`,
    query: {
      $select: 'id,receivedDateTime',
      $filter: `receivedDateTime ge ${since.toISOString()}`,
    },
  };
}

export async function syncMailbox(opened: OpenMailbox, deps: MailboxDeps): Promise<SyncResult> {
  const started = deps.now().toISOString();
  const { record } = opened;
  const lastFresh = Date.parse(record.freshRoundAt ?? '');
  const freshDue = !(deps.now().getTime() - lastFresh < FRESH_ROUND_EVERY_MS);
  let walked: Walk;
  let restarted = false;
  try {
    const start = record.deltaLink && !freshDue ? { link: record.deltaLink } : firstRound(record);
    walked = await walk(
      opened.exchange,
      start.link,
      'query' in start ? start.query : undefined,
      opened,
      deps,
    );
  } catch (err) {
    if (!isStaleToken(err)) throw err;
    restarted = true;
    const start = firstRound(record);
    walked = await walk(opened.exchange, start.link, start.query, opened, deps);
  }
  const partial = walked.nextLink !== undefined;
  const updated = await deps.mailboxes.update(record, () => ({
    deltaLink: walked.nextLink ?? walked.deltaLink,
    // Only a finished round moves the window: a backlog is not yet "synced".
    ...(partial ? {} : { lastSyncAt: started }),
    ...(freshDue || restarted ? { freshRoundAt: started } : {}),
  }));
  if (updated) opened.record = updated;
  if (partial && updated) {
    await deps.jobs.send({
      kind: 'sync',
      tenant: record.tenant,
      mailbox: record.address,
      reason: 'timer',
    });
  }
  return { queued: walked.queued, pages: walked.pages, restarted, partial };
}

interface Walk {
  queued: number;
  pages: number;
  deltaLink?: string;
  nextLink?: string;
}

async function walk(
  exchange: Exchange,
  first: string,
  query: Record<string, string> | undefined,
  opened: OpenMailbox,
  deps: MailboxDeps,
): Promise<Walk> {
  const { tenant, address } = opened.record;
  const seen = new Set<string>();
  let link: string | undefined = first;
  let call: ExchangeCall = {
    op: 'message delta',
    query,
    prefer: [`odata.maxpagesize=${PAGE_SIZE}`],
  };
  let pages = 0;
  while (link && pages < MAX_PAGES) {
    const page: Page<DeltaItem> = await exchange.get(link, call);
    pages++;
    // Items can repeat within a round; a removal is a message that left the inbox.
    const fresh = page.value.filter((m) => m['@removed'] === undefined && !seen.has(m.id));
    for (const m of fresh) seen.add(m.id);
    await Promise.all(
      fresh.map((m) =>
        deps.jobs.send({ kind: 'fetch', tenant, mailbox: address, messageId: m.id }),
      ),
    );
    if (page['@odata.deltaLink'])
      return { queued: seen.size, pages, deltaLink: page['@odata.deltaLink'] };
    link = page['@odata.nextLink'];
    // Links carry their own query; only the preference travels with every page.
    call = { op: call.op, prefer: call.prefer };
  }
  return { queued: seen.size, pages, nextLink: link };
}
