/**
 * Recovery of mail from the Mail Log (docs/mail-log.md "Make ticket"), run by the
 * outbox timer after each licensed tenant's outbox run (outbound/tick.ts): every item an agent
 * set to `Make ticket` is taken by its eTag and its kept original staged again with the item's id,
 * so the pipeline makes it a ticket and marks the item Done (pipeline/recovered.ts). On sweep
 * ticks items left `Making` longer than `staleMakingMs` (a runner died before staging, or the
 * pipeline's mark failed) are staged again: the tickets' unique MailKey makes that safe.
 *
 * Graph requests: an idle tick 1 (one query on the indexed Action column; on sweep ticks the
 * same one query asks for `Making` too); none on a site without the Mail Log. Each item staged
 * costs 2 more (the claim, the original; 3 with the library's drive, once per site and process),
 * and the pipeline then writes the ticket as for any mail and marks the item with 3 (the item,
 * the ticket by MailKey, the mark; 4 when it became a comment). One `maillog.action` line per
 * item handled: tenant, item id, outcome, code; never an address or subject. This never throws:
 * a failing tenant is logged (`maillog.run`) and the other tenants go on.
 */
import { errorCode } from '../errors';
import type { EventLog } from '../log';
import type { HelpdeskDirectory } from '../sharepoint/helpdesk';
import type { MailLogAction } from '../sharepoint/schema';
import type { TenantRecord } from '../tenants/store';
import { type EntryDeps, type EntryResult, isDue, recoverEntry } from './recoverEntry';

/** Items taken per tenant and tick: an agent selecting many at once is served over a few ticks. */
const MAIL_LOG_BATCH = 10;

export interface MailLogDeps extends EntryDeps {
  helpdesks: Pick<HelpdeskDirectory, 'open'>;
  log: EventLog;
  now: () => Date;
  /**
   * A `Making` item unchanged this long is staged again on a sweep tick: the outbox's stale time
   * for a `Sending` item (OUTBOX_STALE_SENDING_MS, 5 minutes), well past a mail's processing and
   * its queue retries, so a mail still on its way is rarely staged twice (and then harmlessly).
   */
  staleMakingMs: number;
}

type MailLogRun = Record<EntryResult['outcome'], number>;

export async function runMailLogActions(
  tenant: TenantRecord,
  deps: MailLogDeps,
  /** `until`: epoch ms after which no further item is taken (the outbox tick's window). */
  opts: { sweep: boolean; until: number },
): Promise<MailLogRun> {
  const run: MailLogRun = { staged: 0, skipped: 0, failed: 0, waiting: 0 };
  try {
    const book = (await deps.helpdesks.open(tenant)).mailLogBook;
    if (!book) return run;
    const wanted: MailLogAction[] = opts.sweep ? ['Make ticket', 'Making'] : ['Make ticket'];
    const found = await book.findByAction(wanted, MAIL_LOG_BATCH);
    for (const entry of found.filter((e) => isDue(e, deps.now(), deps.staleMakingMs))) {
      // Items not taken keep their Action: the next tick takes them.
      if (deps.now().getTime() >= opts.until) break;
      const result = await recoverEntry(tenant, book, entry, deps).catch(
        (err: unknown): EntryResult => ({ outcome: 'waiting', code: errorCode(err) }),
      );
      run[result.outcome]++;
      deps.log.write({
        event: 'maillog.action',
        ...(result.outcome === 'staged' || result.outcome === 'skipped' ? {} : { level: 'warn' }),
        tenant: tenant.id,
        item: entry.id,
        outcome: result.outcome,
        ...('code' in result ? { code: result.code } : {}),
      });
    }
  } catch (err) {
    deps.log.write({
      event: 'maillog.run',
      level: 'warn',
      tenant: tenant.id,
      outcome: 'failed',
      code: errorCode(err),
    });
  }
  return run;
}
