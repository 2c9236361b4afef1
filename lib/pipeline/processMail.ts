/**
 * The processMail use case: a staged mail becomes a ticket or a comment, once.
 * Read as a story: load the staged mail, parse it, find its tenant, drop loops and abuse reports,
 * hold it while the tenant's licence is not valid, open the tenant's helpdesk site, stop if the
 * mail was already written, drop it when its sender is over the burst limit, find the ticket it
 * answers (or drop an auto-reply that answers none), find or create the requester and the Cc
 * contacts, add the CCs of a reply to its ticket, write the ticket or the comment, drop the staged
 * copy.
 */
import { TransientError, errorCode } from '../errors';
import { type MailMessage, parseMailMessage } from '../storage/staging';
import { type PipelineResult, runPipeline } from './runner';
import type { PipelineDeps, Stage } from './stage';
import { attachments, resumeFiles } from './stages/attachments';
import { burst } from './stages/burst';
import { cc } from './stages/cc';
import { classify } from './stages/classify';
import { cleanup } from './stages/cleanup';
import { comment } from './stages/comment';
import { dedupe } from './stages/dedupe';
import { licence } from './stages/licence';
import { load } from './stages/load';
import { parse } from './stages/parse';
import { requester } from './stages/requester';
import { site } from './stages/site';
import { tenant } from './stages/tenant';
import { thread } from './stages/thread';
import { ticket } from './stages/ticket';
import { ticketCc } from './stages/ticketCc';

/** The order of the pipeline, in one place, in code. */
export const STAGES: readonly Stage[] = [
  load,
  parse,
  tenant,
  classify,
  licence,
  site,
  dedupe,
  resumeFiles,
  burst,
  thread,
  requester,
  cc,
  ticketCc,
  ticket,
  comment,
  attachments,
  cleanup,
];

export interface Delivery {
  /** How many times the queue has handed out this message (1 on the first delivery). */
  dequeueCount: number;
}

/**
 * Returns the result when the mail is finished (ticket written, duplicate, or poisoned on purpose);
 * throws a TransientError when the queue should deliver it again.
 */
export async function processMail(
  queueMessage: unknown,
  deps: PipelineDeps,
  delivery: Delivery,
  stages: readonly Stage[] = STAGES,
): Promise<PipelineResult> {
  let message: MailMessage;
  try {
    message = parseMailMessage(queueMessage);
  } catch (err) {
    await deps.staging.poison(queueMessage, errorCode(err));
    deps.log.write({
      event: 'mail.processed',
      level: 'error',
      outcome: 'rejected',
      code: errorCode(err),
    });
    return {
      outcome: 'rejected',
      failure: { kind: 'reject', code: errorCode(err), stage: 'message' },
      trace: [],
    };
  }
  const result = await runPipeline(stages, { message }, deps);
  const failed = result.failure;
  deps.log.write({
    event: 'mail.processed',
    level: failed ? (failed.kind === 'reject' ? 'error' : 'warn') : 'info',
    tenant: message.tenant,
    mailId: message.mailId,
    outcome: result.outcome,
    code: failed?.code,
    attempt: delivery.dequeueCount,
    trace: result.trace,
  });
  if (failed?.kind === 'reject') await deps.staging.poison(message, failed.code);
  if (failed?.kind === 'retry') {
    throw new TransientError(failed.code, `stage ${failed.stage} failed; the queue will retry`);
  }
  return result;
}
