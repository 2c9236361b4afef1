/**
 * The outbox timer's deps (lib/outbound) over the service's Deps. Not re-exported by lib/deps.ts
 * as the other builders are: it loads the MIME composer (about 100 ms), which only the outbox
 * function needs, not every function's first call. The outbox uses the same Exchange clients as
 * the mailbox door (Deps.exchange), so one process keeps one semaphore per mailbox.
 */
import type { Deps } from './deps';
import type { EventLog } from './log';
import { OUTBOX_DEFAULTS, type OutboxDeps } from './outbound/outbox';
import type { OutboxTickDeps } from './outbound/tick';
import type { ExchangeTenants } from './mailbox';
import type { HelpdeskDirectory } from './sharepoint/helpdesk';

type OutboundParts = Pick<Deps, 'config' | 'tenants' | 'staging'> & {
  helpdesks: Pick<HelpdeskDirectory, 'openOutbox' | 'open'>;
  exchange: ExchangeTenants;
  log: EventLog;
};

/** What runOutbox needs: the outbox's defaults, with the ages from the settings where set. */
export function buildOutboxDeps(deps: OutboundParts, now = () => new Date()): OutboxDeps {
  const { staleSendingMs, settleMs } = deps.config.outbox;
  return {
    helpdesks: deps.helpdesks,
    exchange: deps.exchange,
    log: deps.log,
    now,
    config: {
      ...OUTBOX_DEFAULTS,
      staleSendingMs: staleSendingMs ?? OUTBOX_DEFAULTS.staleSendingMs,
      settleMs: settleMs ?? OUTBOX_DEFAULTS.settleMs,
    },
  };
}

/** What one tick of the outbox timer needs (functions/outbox.ts). */
export function buildOutboxTickDeps(deps: OutboundParts): OutboxTickDeps {
  const outbox = buildOutboxDeps(deps);
  return {
    tenants: deps.tenants,
    outbox,
    sweepEveryMinutes: deps.config.outbox.sweepEveryMinutes,
    mailLog: {
      helpdesks: deps.helpdesks,
      staging: deps.staging,
      log: deps.log,
      // The outbox's clock: the tick's window is computed and checked on one clock.
      now: outbox.now,
      // One stale time for what a dead runner left claimed: `Sending` and `Making` alike.
      staleMakingMs: outbox.config.staleSendingMs,
      maxBytes: deps.config.maxMailBytes,
    },
  };
}
