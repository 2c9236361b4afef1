/**
 * A job from the `mailbox-in` queue (functions/mailboxFetch): parse it, run it, log one event
 * with ids and counts, and answer the outcome for the function's log. Errors propagate: a
 * TransientError lets the queue retry, a PermanentError poisons the job.
 */
import { errorCode } from '../errors';
import { openMailbox } from './context';
import type { MailboxDeps } from './deps';
import { fetchMessage } from './fetch';
import { type SyncJob, parseMailboxJob } from './jobs';
import { recreateSubscription } from './subscriptions';
import { syncMailbox } from './sync';

export async function runMailboxJob(value: unknown, deps: MailboxDeps): Promise<string> {
  const job = parseMailboxJob(value);
  const started = deps.now().getTime();
  const event = job.kind === 'fetch' ? 'mailbox.fetch' : 'mailbox.sync';
  try {
    const fields = job.kind === 'fetch' ? await fetchMessage(job, deps) : await runSync(job, deps);
    deps.log.write({ event, tenant: job.tenant, ms: deps.now().getTime() - started, ...fields });
    return fields.outcome;
  } catch (err) {
    const code = errorCode(err);
    deps.log.write({ event, level: 'warn', tenant: job.tenant, outcome: 'failed', code });
    throw err;
  }
}

async function runSync(job: SyncJob, deps: MailboxDeps) {
  const opened = await openMailbox(deps, job.tenant, job.mailbox);
  if (!opened) return { outcome: 'no-mailbox', reason: job.reason };
  if (job.reason === 'removed') await recreateSubscription(opened, deps);
  const result = await syncMailbox(opened, deps);
  return { outcome: result.partial ? 'partial' : 'synced', reason: job.reason, ...result };
}
