import { licenceStatus } from '../../licensing/status';
import type { TenantRecord } from '../../tenants/store';
import type { MailMessage } from '../../storage/staging';
import { type Stage, proceed } from '../stage';

// Held mail comes back after 1, 2, 4 … minutes, at most hourly: a renewed licence is honoured
// within the hour, and a long lapse costs one queue read per mail an hour.
const FIRST_DELAY_S = 60;
const MAX_DELAY_S = 3600;
// Staged mail is never kept longer than the retention promise (7 days).
const MAX_HOLD_MS = 7 * 24 * 3600 * 1000;

export function holdDelaySeconds(held: number): number {
  return Math.min(MAX_DELAY_S, FIRST_DELAY_S * 2 ** Math.min(held, 16));
}

/**
 * Mail for a tenant whose licence is expired or suspended is not turned into tickets: it is held
 * (re-queued with a growing delay, the staged mail kept) until the licence is renewed, and purged
 * with a logged reason once it is older than the retention period.
 */
export const licence: Stage<{ message: MailMessage; tenant: TenantRecord }> = {
  name: 'licence',
  timeoutMs: 30_000,
  async run({ message, tenant }, deps) {
    const now = deps.now?.() ?? new Date();
    const status = licenceStatus(tenant.licence, now);
    if (status === 'valid') return proceed;
    if (now.getTime() - Date.parse(message.receivedAt) > MAX_HOLD_MS) {
      await deps.staging.remove(message);
      return { kind: 'stop', outcome: `purged-licence-${status}` };
    }
    await deps.queue.hold(message, holdDelaySeconds(message.held ?? 0));
    return { kind: 'stop', outcome: `held-licence-${status}` };
  },
};
