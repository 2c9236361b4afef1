/**
 * The two doors Graph knocks on. Each answers within Graph's 3 s by only checking and enqueuing:
 * the shape (notificationShape.ts; 400 if wrong), then per item its subscription (an unknown one
 * is counted and ignored: a deleted subscription may still deliver) and its clientState, compared
 * in constant time (a wrong one is counted and ignored). No message is fetched here.
 */
import { withSignal } from '../deadline';
import { errorCode } from '../errors';
import { clientStateFor, clientStateMatches } from './clientState';
import { openRecord } from './context';
import type { MailboxDeps } from './deps';
import type { FetchJob, SyncJob } from './jobs';
import {
  type LifecycleItem,
  parseChangeNotifications,
  parseLifecycleNotifications,
} from './notificationShape';
import type { MailboxRecord } from './record';
import { reauthorizeSubscription } from './subscriptions';

export interface Accepted {
  status: 202 | 400;
  queued: number;
}

// Reauthorizing is one Graph request, answered inside the lifecycle request; it must not hold
// the answer past Graph's 3 s. If it fails, the timer's renewal does the same later.
const REAUTHORIZE_MS = 2000;

type Item = { subscriptionId: string; clientState: string | undefined };

/** Items whose subscription is ours and whose clientState is right, with their mailbox. */
async function authentic<T extends Item>(list: T[], deps: MailboxDeps) {
  // One lookup per subscription, all awaited together: a failing one fails the request (Graph
  // delivers again) and leaves no rejection unobserved.
  const ids = [...new Set(list.map((item) => item.subscriptionId))];
  const records = new Map(
    await Promise.all(
      ids.map(async (id) => [id, await deps.mailboxes.bySubscription(id)] as const),
    ),
  );
  const found: Array<{ item: T; record: MailboxRecord }> = [];
  let unknown = 0;
  let rejected = 0;
  for (const item of list) {
    const record = records.get(item.subscriptionId);
    if (!record) unknown++;
    else if (
      !clientStateMatches(clientStateFor(deps.config.clientStateKey, record), item.clientState)
    )
      rejected++;
    else found.push({ item, record });
  }
  return { found, unknown, rejected };
}

/** The common door: shape, authenticity, the work of the found items, one log line. */
async function accept<T extends Item>(
  event: string,
  list: T[] | undefined,
  deps: MailboxDeps,
  work: (found: Array<{ item: T; record: MailboxRecord }>) => Promise<number>,
): Promise<Accepted> {
  if (!list) {
    deps.log.write({ event, level: 'warn', outcome: 'bad-request' });
    return { status: 400, queued: 0 };
  }
  const { found, unknown, rejected } = await authentic(list, deps);
  const queued = await work(found);
  deps.log.write({ event, outcome: 'accepted', items: list.length, queued, unknown, rejected });
  return { status: 202, queued };
}

/** New messages: a FetchJob each. */
export function acceptNotifications(body: unknown, deps: MailboxDeps): Promise<Accepted> {
  return accept('mailbox.notify', parseChangeNotifications(body), deps, async (found) => {
    const jobs = found.flatMap(({ item, record }): FetchJob[] =>
      item.changeType === 'created' && item.messageId
        ? [
            {
              kind: 'fetch',
              tenant: record.tenant,
              mailbox: record.address,
              messageId: item.messageId,
            },
          ]
        : [],
    );
    await Promise.all(jobs.map((job) => deps.jobs.send(job)));
    return jobs.length;
  });
}

/** Lifecycle events: a SyncJob for missed or removed, a reauthorization at once. */
export function acceptLifecycle(body: unknown, deps: MailboxDeps): Promise<Accepted> {
  return accept('mailbox.subscription', parseLifecycleNotifications(body), deps, async (found) => {
    let queued = 0;
    for (const { item, record } of found) {
      const job = syncFor(item, record);
      if (job) {
        await deps.jobs.send(job);
        queued++;
      } else if (item.event === 'reauthorizationRequired') {
        await reauthorize(record, deps);
      }
    }
    return queued;
  });
}

/** missed → catch up; subscriptionRemoved → recreate, then catch up (runMailboxJob). */
function syncFor(item: LifecycleItem, record: MailboxRecord): SyncJob | undefined {
  const reason =
    item.event === 'missed'
      ? 'missed'
      : item.event === 'subscriptionRemoved'
        ? 'removed'
        : undefined;
  return reason && { kind: 'sync', tenant: record.tenant, mailbox: record.address, reason };
}

async function reauthorize(record: MailboxRecord, deps: MailboxDeps): Promise<void> {
  try {
    const opened = await openRecord(deps, record);
    if (opened)
      await withSignal(AbortSignal.timeout(REAUTHORIZE_MS), () => reauthorizeSubscription(opened));
    deps.log.write({
      event: 'mailbox.subscription',
      tenant: record.tenant,
      outcome: 'reauthorized',
    });
  } catch (err) {
    deps.log.write({
      event: 'mailbox.subscription',
      level: 'warn',
      tenant: record.tenant,
      outcome: 'reauthorize-failed',
      code: errorCode(err),
    });
  }
}
