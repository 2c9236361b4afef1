/** Readiness of what the service depends on: staging storage and the tenant store. */
import { withSignal } from './deadline';
import { errorCode } from './errors';
import type { TenantStore } from './tenants/store';
import type { MailStaging } from './storage/staging';

export interface HealthReport {
  ok: boolean;
  checks: Record<string, 'ok' | string>;
}

/** How long one probe may take before its check answers unhealthy. */
const PROBE_TIMEOUT_MS = 5_000;

/** Rejects once `signal` fires, for a probe that does not listen to it. */
function expiry(signal: AbortSignal): Promise<never> {
  return new Promise((_, reject) => {
    signal.addEventListener('abort', () => reject(new Error('timeout')), { once: true });
  });
}

/**
 * Runs one probe with a timeout signal (lib/deadline.ts): the storage and Cosmos calls that read
 * it are cancelled at the timeout instead of running on behind an answer already given.
 */
async function check(work: () => Promise<void>, timeoutMs: number): Promise<'ok' | string> {
  const signal = AbortSignal.timeout(timeoutMs);
  try {
    await Promise.race([withSignal(signal, work), expiry(signal)]);
    return 'ok';
  } catch (err) {
    // A timeout answers as it always has, whichever of the probe and the timer gave up first.
    return errorCode(signal.aborted ? new Error('timeout') : err);
  }
}

export async function health(
  deps: { staging: MailStaging; tenants: TenantStore },
  probeTimeoutMs = PROBE_TIMEOUT_MS,
): Promise<HealthReport> {
  const [storage, cosmos] = await Promise.all([
    // Live calls every time: a health answer from the first success would outlive an outage.
    check(() => deps.staging.probe(), probeTimeoutMs),
    check(() => deps.tenants.probe(), probeTimeoutMs),
  ]);
  return {
    ok: storage === 'ok' && cosmos === 'ok',
    checks: { configuration: 'ok', storage, cosmos },
  };
}
