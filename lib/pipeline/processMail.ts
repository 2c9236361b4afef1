/**
 * The processMail use case: a staged mail becomes a ticket or a comment, once.
 * Read as a story: admit the mail (load, parse, tenant, classify, licence, site: admit.ts), route
 * it (already written, over the burst limit, a reply to which ticket: route.ts), then write what
 * the route says (write.ts), its files, and drop the staged copy.
 */
import { MAIL_DEADLINE_MS } from '../deadline';
import { TransientError, errorCode } from '../errors';
import { ticketDraft } from '../mail/ticketDraft';
import { type MailMessage, parseMailMessage } from '../storage/staging';
import { type Admitted, admit } from './admit';
import type { Route } from './route';
import { recordNotATicket } from './mailLog';
import { type PipelineResult, type Run, runPipeline } from './runner';
import { markRecovered } from './recovered';
import { settleMail } from './settle';
import type { PipelineDeps } from './stage';
import { attachments, filesInput, resumeFiles } from './stages/attachments';
import { burst } from './stages/burst';
import { cleanup } from './stages/cleanup';
import { dedupe } from './stages/dedupe';
import { thread } from './stages/thread';
import { type Written, writeComment, writeTicket } from './write';

export interface Delivery {
  /** How many times the queue has handed out this message (1 on the first delivery). */
  dequeueCount: number;
  /**
   * When the invocation began, on `clock`'s scale: the host's time limit counts from there, cold
   * start and imports included. By default when processMail is called.
   */
  startedAt?: number;
  /** Milliseconds; `performance.now` unless a test moves it. */
  clock?: () => number;
}

/**
 * host.json's `maxDequeueCount`: a mail that fails its last delivery is moved to the poison
 * queue by the host, so this delivery is the pipeline's last word on it.
 */
export const MAX_DELIVERIES = 5;

/** Dedupe, burst and thread, in the order every mail's trace shows them. */
export async function routeMail(run: Run, mail: Admitted): Promise<Route> {
  const found = await run.step(dedupe, mail);
  if (found.kind === 'resume') return found;
  run.skip(resumeFiles);
  await run.step(burst, { ...mail, mailHash: found.identity.mailHash });
  return run.step(thread, { ...mail, ...found });
}

/** One mail from the staged bytes to SharePoint; the outcome when it ran to the end. */
export async function deliverMail(run: Run, message: MailMessage): Promise<string> {
  const mail = await admit(run, message);
  const route = await routeMail(run, mail);
  let written: Written;
  switch (route.kind) {
    case 'resume': {
      const reply = route.folder.commentId !== undefined;
      const { remoteImages } = mail.tenant;
      const body = () => ticketDraft(mail.mail, { remoteImages, reply }).body;
      return run.step(resumeFiles, filesInput(mail, route.folder, body));
    }
    case 'ticket':
      written = await writeTicket(run, mail, route);
      break;
    case 'comment':
      written = await writeComment(run, mail, route);
      break;
  }
  const files = filesInput(mail, written.folder, () => route.draft.body);
  await run.step(attachments, { ...files, existed: written.existed });
  await run.failOpen(cleanup, message);
  return written.outcome;
}

/**
 * Returns the result when the mail is finished (ticket written, duplicate, or poisoned on purpose);
 * throws a TransientError when the queue should deliver it again.
 */
export async function processMail(
  queueMessage: unknown,
  deps: PipelineDeps,
  delivery: Delivery,
  flow: (run: Run, message: MailMessage) => Promise<string> = deliverMail,
): Promise<PipelineResult> {
  let message: MailMessage;
  try {
    message = parseMailMessage(queueMessage);
  } catch (err) {
    await deps.queue.poison(queueMessage, errorCode(err));
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
  const clock = delivery.clock ?? (() => performance.now());
  const startedAt = delivery.startedAt ?? clock();
  const elapsed = () => clock() - startedAt;
  let raw: Buffer | undefined;
  // The load stage's bytes, kept for the Mail Log's original: the blob is not read twice.
  const staging: PipelineDeps['staging'] = {
    read: async (m) => (raw = await deps.staging.read(m)),
    remove: (m) => deps.staging.remove(m),
  };
  const deadline = AbortSignal.timeout(Math.max(0, Math.floor(MAIL_DEADLINE_MS - elapsed())));
  const result = await runPipeline({ ...deps, staging }, (run) => flow(run, message), { deadline });
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
  const last = delivery.dequeueCount >= MAX_DELIVERIES;
  // Mail that is not a ticket goes to the Mail Log; poisoned mail kept there leaves the queue.
  const recorded = await recordNotATicket(message, result, deps, {
    lastDelivery: last,
    raw,
    elapsedMs: elapsed(),
  });
  const logged = recorded === 'logged';
  if (failed?.kind === 'reject' && !logged) await deps.queue.poison(message, failed.code);
  const retry = typeof recorded === 'object' ? recorded.retry : undefined;
  if (!retry || last) await settleMail(message, result, deps, last);
  if (retry) throw new TransientError(retry, 'mail log not written; the queue will retry');
  await markRecovered(message, result, deps, last, raw);
  if (failed?.kind === 'retry' && !logged) {
    throw new TransientError(failed.code, `stage ${failed.stage} failed; the queue will retry`);
  }
  return result;
}
