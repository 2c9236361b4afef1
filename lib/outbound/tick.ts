/**
 * One tick of the outbox timer (functions/outbox.ts, every minute): every tenant with a valid
 * licence gets its outbox run (acks and agents' replies waiting `To send`), two tenants at a
 * time so one slow site does not hold up the rest for long nor many run at once against Graph.
 * A tenant whose licence is not valid is skipped: its items wait, unsent, until it is renewed.
 * A tenant's run ends with one `outbound.run` line of counts when it did anything or failed; an
 * idle or skipped tenant is logged on sweep ticks only (every few minutes, not 1,440 lines a day
 * saying nothing). One tenant failing does not stop the others. After its outbox run, a licensed
 * tenant's Mail Log items set to `Make ticket` are recovered (lib/mailLog/actions.ts).
 */
import { errorCode } from '../errors';
import { licenceStatus } from '../licensing/status';
import { type MailLogDeps, runMailLogActions } from '../mailLog/actions';
import type { TenantRecord, TenantStore } from '../tenants/store';
import { type OutboxDeps, type OutboxRun, runOutbox } from './outbox';

/** Tenants run at once: a slow site delays the others little, and an instance's requests stay few. */
export const TICK_CONCURRENCY = 2;

export interface OutboxTickDeps {
  tenants: Pick<TenantStore, 'list'>;
  outbox: OutboxDeps;
  /** Items left `Sending` are looked for when the tick's UTC minute is a multiple of this. */
  sweepEveryMinutes: number;
  /** Recovery of mail from the Mail Log after each licensed tenant's outbox run; none without. */
  mailLog?: MailLogDeps;
  /** One tenant's run; runOutbox unless a test gives its own. */
  run?: (tenant: TenantRecord, deps: OutboxDeps, opts: { sweep: boolean }) => Promise<OutboxRun>;
}

export async function outboxTick(
  deps: OutboxTickDeps,
  now: Date,
  opts: { sweep?: boolean } = {},
): Promise<void> {
  const sweep = opts.sweep ?? now.getUTCMinutes() % deps.sweepEveryMinutes === 0;
  const queue = [...(await deps.tenants.list())];
  const worker = async () => {
    for (let tenant = queue.shift(); tenant; tenant = queue.shift()) {
      await runTenant(tenant, deps, now, sweep);
      // Never throws: a tenant failing is logged and the others go on.
      if (deps.mailLog && licenceStatus(tenant.licence, now) === 'valid') {
        await runMailLogActions(tenant, deps.mailLog, { sweep });
      }
    }
  };
  await Promise.all(Array.from({ length: TICK_CONCURRENCY }, worker));
}

async function runTenant(
  tenant: TenantRecord,
  deps: OutboxTickDeps,
  now: Date,
  sweep: boolean,
): Promise<void> {
  const { log } = deps.outbox;
  const line = { event: 'outbound.run', tenant: tenant.id };
  const status = licenceStatus(tenant.licence, now);
  if (status !== 'valid') {
    if (sweep) log.write({ ...line, outcome: 'skipped', code: `licence-${status}` });
    return;
  }
  const started = deps.outbox.now().getTime();
  try {
    const { code, ...counts } = await (deps.run ?? runOutbox)(tenant, deps.outbox, { sweep });
    const ms = deps.outbox.now().getTime() - started;
    const idle = counts.sent + counts.failed + counts.notSent + counts.recovered === 0;
    if (idle && !code && !sweep) return;
    const [level, outcome] = code ? (['warn', 'stopped'] as const) : (['info', 'done'] as const);
    log.write({ ...line, level, outcome, code, sweep, ms, ...counts });
  } catch (err) {
    log.write({ ...line, level: 'warn', outcome: 'failed', code: errorCode(err), sweep });
  }
}
