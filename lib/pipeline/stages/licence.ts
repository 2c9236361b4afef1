import { licenceStatus } from '../../licensing/status';
import type { MailMessage } from '../../storage/staging';
import type { Admitted } from '../admit';
import { type PipelineDeps, type Stage, proceed } from '../stage';

// Held mail comes back after 1, 2, 4 … minutes, at most hourly: a renewed licence is honoured
// within the hour, and a long lapse costs one queue read per mail an hour.
const FIRST_DELAY_S = 60;
const MAX_DELAY_S = 3600;
// Staged mail is never kept longer than the retention promise (7 days).
const MAX_HOLD_MS = 7 * 24 * 3600 * 1000;
// A lapse shorter than a day is usually a renewal in progress: the sender hears nothing of it.
const NOTICE_AFTER_MS = 24 * 3600 * 1000;

export function holdDelaySeconds(held: number): number {
  return Math.min(MAX_DELAY_S, FIRST_DELAY_S * 2 ** Math.min(held, 16));
}

export type LicenceInput = Pick<Admitted, 'message' | 'tenant' | 'mail' | 'classification'>;

/**
 * Tells the sender of a mail held longer than a day, once (outbound/notice.ts decides whether it
 * may be sent at all: never to automatic or list mail, nor twice within the sender's ack window).
 * True once tried: the notice never fails the mail, and one that failed is logged, not retried.
 */
async function noticeHeld(input: LicenceInput, deps: PipelineDeps, now: Date): Promise<boolean> {
  const { message, tenant, mail, classification } = input;
  if (!deps.notices || now.getTime() - Date.parse(message.receivedAt) <= NOTICE_AFTER_MS) {
    return false;
  }
  const refused = { tenant, mailbox: message.mailbox, key: message.mailId, mail, classification };
  const outcome = await deps.notices.send('notice-held', refused);
  deps.log.write({
    event: 'outbound.notice',
    tenant: message.tenant,
    mailId: message.mailId,
    kind: 'notice-held',
    outcome,
  });
  return true;
}

/**
 * Mail for a tenant whose licence is expired or suspended is not turned into tickets: it is held
 * (re-queued with a growing delay, the staged mail kept) until the licence is renewed, and purged
 * with a logged reason once it is older than the retention period (kept in the Mail Log first).
 * Held past a day, its sender gets one notice; the mail then carries `noticed`, so the next holds
 * send none.
 */
export const licence: Stage<LicenceInput> = {
  name: 'licence',
  // Room for the notice (its site, Sent Items, the send); a hold alone takes one queue write.
  timeoutMs: 60_000,
  async run(input, deps) {
    const { message, tenant } = input;
    const now = deps.now?.() ?? new Date();
    const status = licenceStatus(tenant.licence, now);
    if (status === 'valid') return proceed;
    if (now.getTime() - Date.parse(message.receivedAt) > MAX_HOLD_MS) {
      // The staged copy goes once the Mail Log has the original (pipeline/mailLog.ts).
      return { kind: 'stop', outcome: `purged-licence-${status}` };
    }
    const noticed = message.noticed === true || (await noticeHeld(input, deps, now));
    const held: MailMessage = noticed ? { ...message, noticed: true } : message;
    await deps.queue.hold(held, holdDelaySeconds(message.held ?? 0));
    return { kind: 'stop', outcome: `held-licence-${status}` };
  },
};
