/**
 * The timer's round over every connected mailbox (functions/mailboxSync, every 15 minutes):
 * renew a subscription with less than a day left, create one Graph no longer has (a renewal's
 * 404, or a read of one not yet due: one request per mailbox, so a subscription lost early is
 * back within 15 minutes), and queue a catch-up for each mailbox, which finds whatever
 * notifications missed. One mailbox failing
 * (access revoked, its tenant's Graph down) is logged and does not stop the others.
 */
import { errorCode } from '../errors';
import { openRecord } from './context';
import type { MailboxDeps } from './deps';
import {
  RENEW_WITHIN_MS,
  createSubscription,
  renewSubscription,
  subscriptionExists,
} from './subscriptions';

export interface MaintainReport {
  renewed: number;
  recreated: number;
  synced: number;
}

export async function maintainMailboxes(deps: MailboxDeps, now: Date): Promise<MaintainReport> {
  const report: MaintainReport = { renewed: 0, recreated: 0, synced: 0 };
  for (const record of await deps.mailboxes.list()) {
    try {
      const opened = await openRecord(deps, record);
      if (!opened) continue;
      const expires = Date.parse(record.subscriptionExpiresAt ?? '');
      const due = !record.subscriptionId || !(expires - now.getTime() > RENEW_WITHIN_MS);
      if (due) {
        report[await renewSubscription(opened, deps)]++;
      } else if (!(await subscriptionExists(opened))) {
        await createSubscription(opened, deps);
        report.recreated++;
      }
      await deps.jobs.send({
        kind: 'sync',
        tenant: record.tenant,
        mailbox: record.address,
        reason: 'timer',
      });
      report.synced++;
    } catch (err) {
      deps.log.write({
        event: 'mailbox.subscription',
        level: 'warn',
        tenant: record.tenant,
        outcome: 'maintain-failed',
        code: errorCode(err),
      });
    }
  }
  deps.log.write({ event: 'mailbox.sync', outcome: 'maintained', ...report });
  return report;
}
