/**
 * What the door that brought a mail should do with its copy once the pipeline is done with it.
 * Mail fetched from a connected mailbox (its queue message carries a `source`) is marked there,
 * so an agent reading the mailbox sees it was taken; mail posted to /api/inbound has nothing to
 * mark. The pipeline only says which of the two endings it was: the door behind `deps.settle`
 * does the marking, so the pipeline stays the same for every door.
 */
import { errorCode } from '../errors';
import type { MailMessage } from '../storage/staging';
import type { PipelineResult } from './runner';
import type { PipelineDeps, SettleOutcome } from './stage';

// In SharePoint now, or already before this delivery.
const TAKEN = new Set(['ticket-created', 'comment-created', 'duplicate', 'already-processed']);

/**
 * The ending of a finished mail; undefined while it is not finished (a retry, or held until its
 * tenant's licence is decided: it stays where it is). A retry on the last delivery is finished
 * too: the host poisons it next (`npm run replay` can bring it back; settling then moves it on).
 */
export function settleOutcome(
  result: PipelineResult,
  lastDelivery = false,
): SettleOutcome | undefined {
  const { outcome, failure } = result;
  if (failure) {
    return failure.kind === 'reject' || lastDelivery ? notATicket(failure.code) : undefined;
  }
  if (TAKEN.has(outcome)) return { kind: 'taken' };
  const reason = endedReason(outcome);
  return reason ? notATicket(reason) : undefined;
}

/** The reason in a stop's outcome when it dropped or purged the mail; undefined otherwise. */
export const endedReason = (outcome: string): string | undefined =>
  /^(?:dropped|purged)-(.+)$/.exec(outcome)?.[1];

const notATicket = (reason: string): SettleOutcome => ({ kind: 'not-a-ticket', reason });

/**
 * Marks the mail at its door. A failure is logged and swallowed: the ticket exists, and failing
 * the mail would only deliver it again for nothing; the message stays in the inbox, unmarked.
 */
export async function settleMail(
  message: MailMessage,
  result: PipelineResult,
  deps: PipelineDeps,
  lastDelivery: boolean,
): Promise<void> {
  if (!message.source || !deps.settle) return;
  const outcome = settleOutcome(result, lastDelivery);
  if (!outcome) return;
  try {
    await deps.settle(message, outcome);
  } catch (err) {
    deps.log.write({
      event: 'mailbox.settle',
      level: 'warn',
      tenant: message.tenant,
      mailId: message.mailId,
      outcome: 'failed',
      code: errorCode(err),
    });
  }
}
