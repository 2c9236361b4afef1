/**
 * The work on the `mailbox-in` queue (MAILBOX_QUEUE): fetch one message of a connected mailbox,
 * or catch a mailbox up through its delta. Small JSON, ids only; a job that does not parse can
 * never succeed and is refused as a PermanentError (the queue poisons it).
 */
import { PermanentError } from '../errors';
import { safeJson } from '../storage/staging';

export interface FetchJob {
  kind: 'fetch';
  tenant: string;
  /** The connected address, lower-case. */
  mailbox: string;
  messageId: string;
}

export type SyncReason = 'missed' | 'removed' | 'connect' | 'timer';

export interface SyncJob {
  kind: 'sync';
  tenant: string;
  mailbox: string;
  reason: SyncReason;
}

export type MailboxJob = FetchJob | SyncJob;

const SYNC_REASONS: ReadonlySet<string> = new Set<SyncReason>([
  'missed',
  'removed',
  'connect',
  'timer',
]);

// Far above any domain, address or Graph id; bounds what a forged message can make us carry.
const MAX_FIELD = 512;

function field(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0 && value.length <= MAX_FIELD;
}

/** A job from the queue (JSON text or an object the host already decoded). */
export function parseMailboxJob(value: unknown): MailboxJob {
  const job = (typeof value === 'string' ? safeJson(value) : value) as Record<string, unknown>;
  if (job !== null && typeof job === 'object' && field(job.tenant) && field(job.mailbox)) {
    const { tenant, mailbox } = { tenant: job.tenant, mailbox: job.mailbox };
    if (job.kind === 'fetch' && field(job.messageId)) {
      return { kind: 'fetch', tenant, mailbox, messageId: job.messageId };
    }
    if (job.kind === 'sync' && typeof job.reason === 'string' && SYNC_REASONS.has(job.reason)) {
      return { kind: 'sync', tenant, mailbox, reason: job.reason as SyncReason };
    }
  }
  throw new PermanentError('bad-queue-message', 'queue message is not a mailbox job');
}
