/**
 * Throttling for end-to-end tests whose outcome cannot depend on how the host interleaves mails.
 * The host works on several mails at once, so which mail meets which fault is timing; what is
 * fixed is how many faults there are. A mail is lost to the poison queue only after
 * maxDequeueCount (host.json, 5) deliveries that each failed, and a delivery fails only when one
 * request (or one `$batch` of files, or one upload fragment) met a fault on every attempt: the
 * first and DEFAULT_RETRY_POLICY.maxRetries (4) more. One fault fewer than 5 × 5 in all can
 * never poison a mail, wherever the faults land; at worst 4 deliveries wait out the visibility
 * timeout (10 s each), which the tests' waits allow for.
 */
import { readHostJson } from '../../dev/host/hostJson';
import { DEFAULT_RETRY_POLICY } from '../../lib/sharepoint/retry';
import { simAdmin } from './support';

export const FAULTS_NEVER_POISONING =
  readHostJson().queues.maxDequeueCount * (DEFAULT_RETRY_POLICY.maxRetries + 1) - 1;

/**
 * Fails `rate` of the app's requests with `method` (spread evenly), at most
 * FAULTS_NEVER_POISONING in all. The tests read SharePoint with GET while they wait, through the
 * same retrying client: a method the test does not send keeps its own reads from being failed,
 * and makes the faults the simulator counts ones the app met.
 */
export async function throttle(fault: {
  rate: number;
  method: 'POST' | 'PUT';
  status?: 429 | 503;
  retryAfterSeconds: number;
}): Promise<void> {
  await simAdmin('faults', {
    rate: fault.rate,
    limit: FAULTS_NEVER_POISONING,
    match: { method: fault.method },
    status: fault.status ?? 429,
    retryAfterSeconds: fault.retryAfterSeconds,
  });
}

/** Faults the simulator answered since the last configuration: proof the retries ran. */
export async function faultsAnswered(): Promise<number> {
  return ((await simAdmin('faults')) as { failed: number }).failed;
}
