/**
 * The outbox run of one tenant (issue 9): the acks of new tickets and the agents' replies
 * waiting `To send` on the tenant's site, each sent exactly once (outboxItem.ts). Internal
 * comments are marked `Not sent`. With `sweep`, items left `Sending` longer than
 * `staleSendingMs` by a sender that died are resolved first. A mailbox without Mail.Send stops
 * the run: its item goes back to `To send`, and so nothing is tried in vain until it is granted.
 *
 * Graph requests when idle: 2 (the comments and the tickets `To send`), 4 when sweeping. Each
 * item logs one `outbound.send` line: tenant, list, item id, outcome, code; never an address,
 * subject or body.
 */
import { type ErrorCode, errorCode, isPermanent } from '../errors';
import type { EventLog } from '../log';
import type { ExchangeTenants } from '../mailbox/exchange';
import type { HelpdeskDirectory, OutboxSite } from '../sharepoint/helpdesk';
import type { OutboxItem } from '../sharepoint/outbox';
import type { TenantRecord } from '../tenants/store';
import { type ItemResult, handleItem } from './outboxItem';
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
  /** Items left for a later run: not reached, given back, or failing for now. */
  waiting: number;
  /** Set when the run stopped early: `graph-access-denied` for a mailbox without Mail.Send. */
  code?: ErrorCode;
}

export const OUTBOX_DEFAULTS: OutboxConfig = {
  staleSendingMs: 300_000,
  // Base64 of the MIME, under Graph's 4 MB a request with a margin: a MIME of 2,925,000 bytes.
  inlineBytes: 3_900_000,
  attachBytes: 25 << 20,
  batch: 20,
};

export async function runOutbox(
  tenant: TenantRecord,
  deps: OutboxDeps,
  opts: { sweep: boolean },
): Promise<OutboxRun> {
  const site = await deps.helpdesks.openOutbox(tenant);
  const ctx = context(tenant, site, deps);
  const { batch } = deps.config;
  const stale = opts.sweep ? await staleItems(ctx) : [];
  const fresh: OutboxItem[] = [
    ...(await site.findOutbox('comments', 'To send', batch)),
    ...(await site.findOutbox('tickets', 'To send', batch)),
  ];
  const run: OutboxRun = { sent: 0, failed: 0, notSent: 0, recovered: 0, waiting: 0 };
  const work = [
    ...stale.map((item) => ({ item, recover: true })),
    ...fresh.map((item) => ({ item, recover: false })),
  ];
  for (const [index, { item, recover }] of work.entries()) {
    const result = await handleItem(ctx, item, recover).catch((err: unknown): ItemResult => ({
      outcome: 'waiting',
      code: errorCode(err),
    }));
    count(run, result);
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
    });
    if (result.outcome === 'no-permission') {
      run.code = 'graph-access-denied';
      run.waiting += work.length - index - 1;
      break;
    }
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

/** Items `Sending` for longer than a live sender takes: their sender died between claim and mark. */
async function staleItems(ctx: OutboxContext): Promise<OutboxItem[]> {
  const { site, config } = ctx;
  const before = ctx.now().getTime() - config.staleSendingMs;
  const sending: OutboxItem[] = [
    ...(await site.findOutbox('comments', 'Sending', config.batch)),
    ...(await site.findOutbox('tickets', 'Sending', config.batch)),
  ];
  // Without a modification time the item's age is unknown: it may be a live sender's.
  return sending.filter(
    (item) => item.modifiedAt !== undefined && item.modifiedAt.getTime() <= before,
  );
}

// Where each outcome counts; a skipped item is another sender's and counts nowhere.
const COUNTED: Record<ItemResult['outcome'], keyof Omit<OutboxRun, 'code'> | undefined> = {
  sent: 'sent',
  recovered: 'recovered',
  failed: 'failed',
  'not-sent': 'notSent',
  waiting: 'waiting',
  'no-permission': 'waiting',
  skipped: undefined,
};

function count(run: OutboxRun, result: ItemResult): void {
  const field = COUNTED[result.outcome];
  if (field) run[field]++;
}
