import type { MailMessage } from '../../storage/staging';
import { keptForMailLog } from '../mailLog';
import type { PipelineDeps, Stop } from '../stage';

/**
 * A mail that will never be written (a loop, an unthreaded auto-reply, a sender over the burst
 * limit, a duplicate): the outcome and its reason code stay in the trace. The service keeps no
 * mail content: a duplicate's staged copy goes at once; a mail the Mail Log takes keeps it until
 * its original is in the customer's library (pipeline/mailLog.ts deletes it then).
 */
export async function drop(
  message: MailMessage,
  deps: PipelineDeps,
  outcome: string,
  code: string,
): Promise<Stop> {
  if (!keptForMailLog(outcome)) await deps.staging.remove(message);
  return { kind: 'stop', outcome, code };
}
