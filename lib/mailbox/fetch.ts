/**
 * A FetchJob: one new message of a connected mailbox becomes a staged mail, through the same
 * staging and queue as mail from /api/inbound, carrying its source so the end of the pipeline
 * can mark it (settle.ts). Claimed first (claims.ts), so duplicates stop before any download.
 * Exchange requests: the `$value` download only (a message too large also gets its head read for
 * the sender's notice, sizeNotice.ts).
 */
import { TenantErased, errorCode } from '../errors';
import { isNotFound } from '../sharepoint/graphCallError';
import type { MailSource } from '../storage/staging';
import { openMailbox } from './context';
import type { MailboxDeps } from './deps';
import type { FetchJob } from './jobs';
import { messagePath } from './paths';
import { markMessage } from './settle';
import { noticeTooLarge } from './sizeNotice';

export interface FetchResult {
  /**
   * staged, too-large, gone (deleted before it was read), done/busy (claimed), no-mailbox,
   * tenant-erased (its erasure has begun).
   */
  outcome: string;
  mailId?: string;
  bytes?: number;
}

export async function fetchMessage(job: FetchJob, deps: MailboxDeps): Promise<FetchResult> {
  const opened = await openMailbox(deps, job.tenant, job.mailbox);
  if (!opened) return { outcome: 'no-mailbox' };
  const { record, exchange } = opened;
  const claim = await deps.claims.claim(record.tenant, record.userId, job.messageId);
  if (claim === 'done' || claim === 'busy') return { outcome: claim };
  let staged: { mailId: string; bytes: number };
  try {
    const path = `${messagePath(record.userId, job.messageId)}/$value`;
    const raw = await exchange.mime(path, deps.config.maxMailBytes, { op: 'fetch message' });
    if (raw === 'too-large') {
      // Never staged, so the pipeline never sees it: it is settled here, as the pipeline would.
      const outcome = { kind: 'not-a-ticket', reason: 'too-large' } as const;
      await markMessage(opened, job.messageId, outcome, deps);
      // Before the claim is done: a retry after a crash here sends it again, and sendOnce finds
      // the first in Sent Items by its Message-ID; after `done`, no job gets this far again.
      await noticeTooLarge(opened, job.messageId, deps);
      await claim.done();
      return { outcome: 'too-large' };
    }
    const source: MailSource = {
      kind: 'mailbox',
      mailbox: record.address,
      userId: record.userId,
      messageId: job.messageId,
    };
    const message = await deps.staging.stage(record.tenant, record.address, raw, { source });
    staged = { mailId: message.mailId, bytes: raw.length };
  } catch (err) {
    if (isNotFound(err)) {
      await claim.done();
      return { outcome: 'gone' };
    }
    await claim.abandon();
    // Erased while its mailbox was being disconnected: no retry can stage it, the job ends.
    if (err instanceof TenantErased) return { outcome: 'tenant-erased' };
    throw err;
  }
  // Staged: the claim must not be let go now, or the queue's retry would stage the mail again at
  // once. Left `claimed`, it only expires after the function timeout (claims.ts).
  await claim.done().catch((err: unknown) =>
    deps.log.write({
      event: 'mailbox.fetch',
      level: 'warn',
      tenant: record.tenant,
      outcome: 'claim-not-marked',
      code: errorCode(err),
    }),
  );
  return { outcome: 'staged', mailId: staged.mailId, bytes: staged.bytes };
}
