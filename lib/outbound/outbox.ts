/**
 * The outbox run of one tenant (issue 9): the acks of new tickets and the agents' replies
 * waiting `To send` on the tenant's site, each sent exactly once (outboxItem.ts). Internal
 * comments are marked `Not sent`, comments from mail `Received`. A comment changed within
 * `settleMs` waits for a later run: its agent may still be adding files to it. With `sweep`,
 * items left `Sending` longer than `staleSendingMs` by a sender that died are resolved first.
 * A mailbox refused a permission holds only its own items needing it for the rest of the run
 * (they go back to `To send`); the other mailboxes' items go on.
 *
 * Graph requests when idle: 2 (the comments and the tickets `To send`), 4 when sweeping. Each
 * item handled logs one `outbound.send` line: tenant, list, item id, outcome, code; never an
 * address, subject or body. A held item logs none: its mailbox's refusal was logged once.
 */
import { type ErrorCode, errorCode, isPermanent } from '../errors';
import type { EventLog } from '../log';
import type { ExchangeTenants } from '../mailbox/exchange';
import type { HelpdeskDirectory, OutboxSite } from '../sharepoint/helpdesk';
import type { TenantRecord } from '../tenants/store';
import { type ItemResult, handleItem } from './outboxItem';
import { findWork } from './outboxWork';
import type { OutboxConfig, OutboxContext } from './outboxContext';
import { type TemplateSet, siteTemplates } from './templateSet';

export type { OutboxConfig } from './outboxContext';

export interface OutboxDeps {
  helpdesks: Pick<HelpdeskDirectory, 'openOutbox'>;
  exchange: ExchangeTenants;
  log: EventLog;
  now: () => Date;
  config: OutboxConfig;
}

export interface OutboxRun {
  sent: number;
  failed: number;
  notSent: number;
  /** Items found `Sending` and resolved: found in Sent Items, or sent under their Message-ID. */
  recovered: number;
  /** Items left for a later run: changed too recently, given back or held, failing for now. */
  waiting: number;
  /** `graph-access-denied` when a mailbox was refused a permission it needs to send. */
  code?: ErrorCode;
}

export const OUTBOX_DEFAULTS: OutboxConfig = {
  staleSendingMs: 300_000,
  // Base64 of the MIME, under Graph's 4 MB a request with a margin: a MIME of 2,925,000 bytes.
  inlineBytes: 3_900_000,
  attachBytes: 25 << 20,
  batch: 20,
  settleMs: 10_000,
};

export async function runOutbox(
  tenant: TenantRecord,
  deps: OutboxDeps,
  opts: { sweep: boolean },
): Promise<OutboxRun> {
  const site = await deps.helpdesks.openOutbox(tenant);
  const ctx = context(tenant, site, deps);
  const { work, settling } = await findWork(ctx, opts.sweep);
  const run: OutboxRun = { sent: 0, failed: 0, notSent: 0, recovered: 0, waiting: settling };
  for (const { item, recover } of work) {
    const result = await handleItem(ctx, item, recover).catch((err: unknown): ItemResult => ({
      outcome: 'waiting',
      code: errorCode(err),
    }));
    count(run, result);
    if (result.outcome === 'no-permission') run.code = 'graph-access-denied';
    if (result.outcome === 'held') continue;
    deps.log.write({
      event: 'outbound.send',
      ...(result.outcome === 'failed' || result.outcome === 'no-permission'
        ? { level: 'warn' }
        : {}),
      tenant: tenant.id,
      list: item.list,
      item: item.id,
      outcome: result.outcome,
      ...(result.code ? { code: result.code } : {}),
      ...(result.permission ? { permission: result.permission } : {}),
      ...(result.reason ? { reason: result.reason } : {}),
    });
  }
  return run;
}

function context(tenant: TenantRecord, site: OutboxSite, deps: OutboxDeps): OutboxContext {
  const exchange = deps.exchange.forTenant(tenant.entraTenantId);
  let templates: Promise<TemplateSet> | undefined;
  return {
    tenant,
    site,
    exchange,
    log: deps.log,
    now: deps.now,
    config: deps.config,
    denied: new Map(),
    templates: () => {
      // The customer's texts, or the item waits; ours only when their read is refused for good.
      // A failed read is not kept: the next item asks again.
      templates ??= siteTemplates(async () => site, tenant, deps.log, isPermanent).catch(
        (err: unknown) => {
          templates = undefined;
          throw err;
        },
      );
      return templates;
    },
  };
}

// Where each outcome counts; a skipped item is another sender's and counts nowhere.
const COUNTED: Record<ItemResult['outcome'], keyof Omit<OutboxRun, 'code'> | undefined> = {
  sent: 'sent',
  recovered: 'recovered',
  failed: 'failed',
  'not-sent': 'notSent',
  received: 'notSent',
  waiting: 'waiting',
  'no-permission': 'waiting',
  held: 'waiting',
  skipped: undefined,
};

function count(run: OutboxRun, result: ItemResult): void {
  const field = COUNTED[result.outcome];
  if (field) run[field]++;
}
