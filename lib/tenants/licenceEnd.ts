/**
 * Licence end: a tenant whose licence ended more than ERASE_AFTER_DAYS ago is erased, by the same
 * eraseTenant an operator runs (data.ts), once a day (functions/licenceEnd.ts). The same run
 * removes erasure tombstones that have served their time (tombstones.ts), but keeps one whose
 * tenant has a record again (logged each day until an operator settles it).
 *
 * Dates are UTC days. `expiresAt` is the last valid day, so a licence expiring on 1 March ended
 * with that day; `erase after` is 31 March, and the first run on 1 April erases the tenant. A
 * renewal (a later `expiresAt`) before then moves the date with it: nothing else to cancel.
 * Suspension changes nothing here: a suspended tenant is erased when its licence has ended, and
 * a suspended one whose licence runs on is kept.
 */
import type { EventLog } from '../log';
import { errorCode } from '../errors';
import type { Licence, TenantStore } from './store';
import { DAY_MS, type Tombstones, tombstoneCutoff } from './tombstones';

const ERASE_AFTER_DAYS = 30;

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The last day the tenant's data is kept (YYYY-MM-DD); undefined for a licence without a valid date. */
export function eraseAfter(licence: Licence): string | undefined {
  if (!DAY.test(licence.expiresAt)) return undefined;
  const ended = Date.parse(`${licence.expiresAt}T00:00:00Z`);
  if (Number.isNaN(ended)) return undefined;
  return new Date(ended + ERASE_AFTER_DAYS * DAY_MS).toISOString().slice(0, 10);
}

/** True once the day after `eraseAfter` has begun (UTC). */
export function isDueForErasure(licence: Licence, now: Date): boolean {
  const last = eraseAfter(licence);
  return last !== undefined && now.toISOString().slice(0, 10) > last;
}

/** `erase after: YYYY-MM-DD` for a licence that has ended; undefined while it runs. */
export function erasureLine(licence: Licence, now: Date): string | undefined {
  const last = eraseAfter(licence);
  const ended = now.toISOString().slice(0, 10) > licence.expiresAt;
  return last && ended ? `erase after: ${last}` : undefined;
}

export interface LicenceEndDeps {
  tenants: Pick<TenantStore, 'list'>;
  tombstones: Pick<Tombstones, 'removeOlderThan'>;
  /** eraseTenant with its stores (dataDeps.ts). */
  erase(domain: string, now: Date): Promise<unknown>;
  /** The service's own log: events here name no `tenant`, whose stream the erasure shreds. */
  log: EventLog;
}

export interface LicenceEndReport {
  erased: string[];
  failed: number;
  tombstonesRemoved: number;
  tombstonesKept: number;
}

export async function runLicenceEnd(deps: LicenceEndDeps, now: Date): Promise<LicenceEndReport> {
  const tenants = await deps.tenants.list();
  for (const t of tenants.filter((x) => eraseAfter(x.licence) === undefined)) {
    // Such a licence is never erased: say so, by the operator's key only (not the date as written).
    deps.log.write({
      event: 'licence-end.skipped',
      level: 'warn',
      domain: t.domain,
      code: 'expiry-malformed',
    });
  }
  const due = tenants.filter((t) => isDueForErasure(t.licence, now));
  const erased: string[] = [];
  let failed = 0;
  for (const tenant of due) {
    // `domain`, not `tenant`: the event goes to the service's stream, not the shredded one. The
    // domain is the customer's company name in SharePoint, the operator's key; no person's data.
    const fields = { event: 'tenant.erased', domain: tenant.domain, reason: 'licence-ended' };
    try {
      await deps.erase(tenant.domain, now);
      erased.push(tenant.domain);
      deps.log.write({ ...fields, outcome: 'ok', expiresAt: tenant.licence.expiresAt });
    } catch (err) {
      // One tenant's failure does not keep the others' data: the next day's run tries it again.
      failed++;
      deps.log.write({ ...fields, level: 'error', outcome: 'failed', code: errorCode(err) });
    }
  }
  // A tenant with a record again was not created on purpose (that lifts the tombstone at once):
  // an erasure that stopped part-way, or a `license set` after it. Its tombstone stays, and says so.
  const live = new Set(tenants.map((t) => t.domain.toLowerCase()));
  const removal = await deps.tombstones.removeOlderThan(tombstoneCutoff(now), (d) => live.has(d));
  for (const domain of removal.kept) {
    deps.log.write({
      event: 'tombstone.kept',
      level: 'warn',
      domain,
      code: 'tenant-record-exists',
    });
  }
  const tombstonesRemoved = removal.removed;
  const tombstonesKept = removal.kept.length;
  deps.log.write({
    event: 'licence-end.run',
    outcome: failed > 0 ? 'partial' : 'ok',
    erased: erased.length,
    failed,
    tombstonesRemoved,
    tombstonesKept,
  });
  return { erased, failed, tombstonesRemoved, tombstonesKept };
}
