/**
 * Mail that did not become a ticket goes to the tenant's Mail Log (docs/mail-log.md): dropped
 * (auto-reply, bounce, loop, abuse report, sender burst, spam), purged after its licence hold, or
 * poisoned (refused for good, or failing its last delivery). Its original is kept in the library
 * and one item written; only then is the staged copy deleted. Called at the end of processMail.
 *
 * A site without the list, or a write refused for good, leaves the mail as it was before the
 * Mail Log existed: a drop deletes the staged copy, a poisoned mail stays in the poison queue.
 * A write failing for now makes a dropped mail retry; a poisoned one stays poisoned.
 */
import { MAIL_DEADLINE_MS, abortedError, withSignal } from '../deadline';
import { type ErrorCode, errorCode, isPermanent } from '../errors';
import type { MailMessage } from '../storage/staging';
import { mailLogEntry } from './mailLogEntry';
import type { PipelineResult } from './runner';
import { endedReason, settleOutcome } from './settle';
import type { PipelineDeps } from './stage';

/** The burst stage's code for the one mail of a sender's window the Mail Log keeps. */
export const BURST_LOGGED = 'over-limit/first';
// Room for an original of MAIL_MAX_BYTES through an upload session, and the item; never past
// the mail's deadline counted from the invocation's start, so the cleanup margin after it stays
// whole for what processMail still does (settle, mark, poison): a mail the host kills leaves no
// log and comes back with no reason given.
const WRITE_TIMEOUT_MS = 120_000;

/** Whether a stop with this outcome leaves its staged copy to the Mail Log (stages/drop.ts). */
export const keptForMailLog = (outcome: string): boolean => endedReason(outcome) !== undefined;

/** The item's reason, when the Mail Log takes the mail; undefined otherwise. */
export function notATicketReason(
  result: PipelineResult,
  lastDelivery: boolean,
): string | undefined {
  const settled = settleOutcome(result, lastDelivery);
  if (settled?.kind !== 'not-a-ticket') return undefined;
  if (result.failure) return `poisoned/${settled.reason}`;
  if (settled.reason === 'sender-burst') return 'burst';
  return settled.reason.startsWith('licence-') ? 'held-expired' : settled.reason;
}

/**
 * What became of it: `none` (not the Mail Log's), `logged` (item written, staged copy deleted),
 * `kept` (not written: a drop's staged copy deleted, a poisoned mail's kept), `retry` (a drop
 * whose write failed for now: the queue delivers it again, its staged copy kept).
 */
export type Recorded = 'none' | 'logged' | 'kept' | { retry: ErrorCode };

/** Writes why it was not (missing, bounded, no-tenant, no-original) or `written`. */
async function write(
  message: MailMessage,
  result: PipelineResult,
  reason: string,
  deps: PipelineDeps,
  raw: Buffer | undefined,
): Promise<string> {
  // A burst's first dropped mail stands for its window: a flood costs one item, not one each.
  const burst = result.trace.find((t) => t.stage === 'burst');
  if (reason === 'burst' && burst?.code !== BURST_LOGGED) return 'bounded';
  const tenant = await deps.tenants.get(message.tenant);
  if (!tenant) return 'no-tenant';
  const { entraTenantId, siteUrl } = tenant;
  const { mailLog } = await deps.helpdesks.open({ entraTenantId, siteUrl });
  if (!mailLog) return 'missing';
  const bytes = raw ?? (await deps.staging.read(message));
  if (!bytes) return 'no-original';
  const outcome = result.failure ? 'poisoned' : result.outcome;
  await mailLog.record(await mailLogEntry(message, bytes, outcome, reason), bytes);
  return 'written';
}

export interface RecordOptions {
  lastDelivery: boolean;
  /** The staged bytes the load stage read, when it did. */
  raw?: Buffer | undefined;
  /** How long the invocation has run already, from the function's entry. */
  elapsedMs?: number;
}

export async function recordNotATicket(
  message: MailMessage,
  result: PipelineResult,
  deps: PipelineDeps,
  { lastDelivery, raw, elapsedMs = 0 }: RecordOptions,
): Promise<Recorded> {
  // A mail an agent recovered from the Mail Log has its item already (pipeline/recovered.ts).
  const reason = message.recovery ? undefined : notATicketReason(result, lastDelivery);
  if (!reason) return 'none';
  const poisoned = result.failure !== undefined;
  let outcome: string;
  let code: ErrorCode | undefined;
  try {
    const left = Math.floor(MAIL_DEADLINE_MS - elapsedMs);
    if (left <= 0) throw abortedError('no time left for the Mail Log');
    const signal = AbortSignal.timeout(Math.min(WRITE_TIMEOUT_MS, left));
    outcome = await withSignal(signal, () => write(message, result, reason, deps, raw));
  } catch (err) {
    code = errorCode(err);
    outcome = isPermanent(err) || poisoned ? 'failed' : 'retry';
  }
  deps.log.write({
    event: 'mail.log',
    level: outcome === 'written' || outcome === 'bounded' ? 'info' : 'warn',
    tenant: message.tenant,
    mailId: message.mailId,
    outcome,
    ...(code ? { code } : {}),
  });
  if (outcome === 'retry' && code) return { retry: code };
  if (outcome === 'written' || !poisoned) await deps.staging.remove(message);
  return outcome === 'written' ? 'logged' : 'kept';
}
