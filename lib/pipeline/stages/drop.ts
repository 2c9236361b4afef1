import type { MailContext, PipelineDeps, Verdict } from '../stage';

/**
 * A mail that will never be written (a loop, an unthreaded auto-reply, a sender over the burst
 * limit): the staged copy goes at once (the service keeps no mail content), the outcome and its
 * reason code stay in the trace.
 */
export async function drop(
  ctx: MailContext,
  deps: PipelineDeps,
  outcome: string,
  code: string,
): Promise<Verdict> {
  await deps.staging.remove(ctx.message);
  return { kind: 'stop', outcome, code };
}
