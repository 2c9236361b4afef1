import type { MailMessage } from '../../storage/staging';
import type { PipelineDeps, Stop } from '../stage';

/**
 * A mail that will never be written (a loop, an unthreaded auto-reply, a sender over the burst
 * limit): the staged copy goes at once (the service keeps no mail content), the outcome and its
 * reason code stay in the trace.
 */
export async function drop(
  message: MailMessage,
  deps: PipelineDeps,
  outcome: string,
  code: string,
): Promise<Stop> {
  await deps.staging.remove(message);
  return { kind: 'stop', outcome, code };
}
