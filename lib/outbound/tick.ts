/**
 * One tick of the outbox timer (functions/outbox.ts, every minute): every tenant with a valid
 * licence gets its outbox run (acks and agents' replies waiting `To send`), two tenants at a
 * time so one slow site does not hold up the rest for long nor many run at once against Graph.
 * A tenant whose licence is not valid is skipped: its items wait, unsent, until it is renewed.
 * A tenant's run ends with one `outbound.run` line of counts when it did anything or failed; an
 * idle or skipped tenant is logged on sweep ticks only (every few minutes, not 1,440 lines a day
 * saying nothing). One tenant failing does not stop the others. After its outbox run, a licensed
 * tenant's Mail Log items set to `Make ticket` are recovered (lib/mailLog/actions.ts), but only
 * early in the tick: that work stages whole originals and may be slow, and the tenants late in the
 * list must still get their acks and replies before the host ends the invocation. Work not begun
 * in time waits for the next tick (the items keep `Make ticket`), with one warn line saying so.
 */
import { errorCode } from '../errors';
import { licenceStatus } from '../licensing/status';
import { type MailLogDeps, runMailLogActions } from '../mailLog/actions';
import type { TenantRecord, TenantStore } from '../tenants/store';
import { type OutboxDeps, type OutboxRun, runOutbox } from './outbox';

/** Tenants run at once: a slow site delays the others little, and an instance's requests stay few. */
export const TICK_CONCURRENCY = 2;

/**
 * Time after the tick's start within which Mail Log recovery may begin or take a further item:
 * 2 of the host's 5 minutes (host.json functionTimeout), so that the outbox runs of the tenants
 * still waiting keep the rest, and a slow site's recovery never pushes them past the limit.
 */
export const MAIL_LOG_WINDOW_MS = 2 * 60_000;

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
  // The clock of the deps, not `now` (the timer's schedule): the window counts time really spent.
  const until = deps.outbox.now().getTime() + MAIL_LOG_WINDOW_MS;
  const deferred: string[] = [];
  const queue = [...(await deps.tenants.list())];
  const worker = async () => {
    for (let tenant = queue.shift(); tenant; tenant = queue.shift()) {
      const licensed = await runTenant(tenant, deps, now, sweep);
      if (!deps.mailLog || !licensed) continue;
      if (deps.outbox.now().getTime() >= until) deferred.push(tenant.id);
      // Never throws: a tenant failing is logged and the others go on.
      else await runMailLogActions(tenant, deps.mailLog, { sweep, until });
    }
  };
  await Promise.all(Array.from({ length: TICK_CONCURRENCY }, worker));
  if (deferred.length > 0) {
    const line = { event: 'maillog.deferred', level: 'warn', tenants: deferred.length } as const;
    deps.outbox.log.write(line);
  }
}

/** One tenant's outbox run; whether the tenant is licensed (the Mail Log runs only then). */
async function runTenant(
  tenant: TenantRecord,
  deps: OutboxTickDeps,
  now: Date,
  sweep: boolean,
): Promise<boolean> {
  const { log } = deps.outbox;
  const line = { event: 'outbound.run', tenant: tenant.id };
  const status = licenceStatus(tenant.licence, now);
  if (status !== 'valid') {
    if (sweep) log.write({ ...line, outcome: 'skipped', code: `licence-${status}` });
    return false;
  }
  const started = deps.outbox.now().getTime();
  try {
    const { code, ...counts } = await (deps.run ?? runOutbox)(tenant, deps.outbox, { sweep });
    const ms = deps.outbox.now().getTime() - started;
    const idle = counts.sent + counts.failed + counts.notSent + counts.recovered === 0;
    if (idle && !code && !sweep) return true;
    const [level, outcome] = code ? (['warn', 'stopped'] as const) : (['info', 'done'] as const);
    log.write({ ...line, level, outcome, code, sweep, ms, ...counts });
  } catch (err) {
    log.write({ ...line, level: 'warn', outcome: 'failed', code: errorCode(err), sweep });
  }
  return true;
}
