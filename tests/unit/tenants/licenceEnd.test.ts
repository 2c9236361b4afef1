import { MemoryLog } from '../../../lib/log';
import {
  eraseAfter,
  erasureLine,
  isDueForErasure,
  runLicenceEnd,
} from '../../../lib/tenants/licenceEnd';
import type { Licence, TenantRecord } from '../../../lib/tenants/store';

const licence = (expiresAt: string, suspended = false): Licence => ({
  plan: 'standard',
  expiresAt,
  suspended,
});
const at = (iso: string) => new Date(iso);

function tenant(domain: string, expiresAt: string, suspended = false): TenantRecord {
  return {
    id: domain,
    domain,
    entraTenantId: '',
    siteUrl: '',
    supportAddresses: [`support@${domain}`],
    licence: licence(expiresAt, suspended),
    installations: [],
  };
}

describe('licence end: the dates', () => {
  it('when a licence ended 30 days ago, then it is not due; 31 days ago, it is, from the first minute of that day (UTC)', () => {
    // Last valid day 1 March: the licence ended with it; 31 March is the last day data is kept.
    expect(eraseAfter(licence('2026-03-01'))).toBe('2026-03-31');
    expect(isDueForErasure(licence('2026-03-01'), at('2026-03-31T23:59:59Z'))).toBe(false);
    expect(isDueForErasure(licence('2026-03-01'), at('2026-04-01T00:00:00Z'))).toBe(true);
  });

  it('when the 30 days cross a month end or a leap day, then the date is still 30 days on', () => {
    expect(eraseAfter(licence('2028-02-10'))).toBe('2028-03-11');
    expect(eraseAfter(licence('2026-12-15'))).toBe('2027-01-14');
  });

  it('when a licence is renewed before the date, then it is no longer due', () => {
    const now = at('2026-04-01T06:00:00Z');
    expect(isDueForErasure(licence('2026-03-01'), now)).toBe(true);
    expect(isDueForErasure(licence('2027-03-01'), now)).toBe(false);
  });

  it('when a licence is suspended, then only its expiry decides', () => {
    const now = at('2026-04-01T06:00:00Z');
    expect(isDueForErasure(licence('2026-03-01', true), now)).toBe(true);
    expect(isDueForErasure(licence('2027-03-01', true), now)).toBe(false);
  });

  it('when a licence has no valid date, then it is never due', () => {
    for (const bad of ['', '2026-13-01', 'soon'])
      expect(isDueForErasure(licence(bad), at('2099-01-01T00:00:00Z'))).toBe(false);
  });

  it('when `license show` asks, then an ended licence has its erase date and a running one none', () => {
    expect(erasureLine(licence('2026-03-01'), at('2026-03-02T00:00:00Z'))).toBe(
      'erase after: 2026-03-31',
    );
    expect(erasureLine(licence('2026-03-01'), at('2026-03-01T23:00:00Z'))).toBeUndefined();
  });
});

describe('licence end: the run', () => {
  // Old tombstones the fake holds: two of tenants long gone by default.
  function harness(
    records: TenantRecord[],
    failing: string[] = [],
    old = ['x.sharepoint.com', 'y.sharepoint.com'],
  ) {
    const erased: string[] = [];
    const log = new MemoryLog();
    const cutoffs: Date[] = [];
    const deps = {
      tenants: { list: async () => records },
      tombstones: {
        removeOlderThan: async (cutoff: Date, kept: (domain: string) => boolean) => {
          cutoffs.push(cutoff);
          return { removed: old.filter((d) => !kept(d)).length, kept: old.filter(kept) };
        },
      },
      erase: async (domain: string) => {
        if (failing.includes(domain)) throw Object.assign(new Error('boom'), { statusCode: 503 });
        erased.push(domain);
      },
      log,
    };
    return { deps, erased, log, cutoffs };
  }

  it('when the daily run comes, then it erases only the tenants 31 days past their end, logs each in the service log, and removes tombstones older than 14 days', async () => {
    const h = harness([
      tenant('gone.sharepoint.com', '2026-03-01'),
      tenant('grace.sharepoint.com', '2026-03-02'),
      tenant('renewed.sharepoint.com', '2027-03-01'),
    ]);
    const report = await runLicenceEnd(h.deps, at('2026-04-01T03:41:00Z'));
    expect(report).toEqual({
      erased: ['gone.sharepoint.com'],
      failed: 0,
      tombstonesRemoved: 2,
      tombstonesKept: 0,
    });
    expect(h.erased).toEqual(['gone.sharepoint.com']);
    expect(h.cutoffs).toEqual([at('2026-03-18T03:41:00Z')]);
    expect(h.log.events).toEqual([
      expect.objectContaining({ event: 'tenant.erased', domain: 'gone.sharepoint.com' }),
      expect.objectContaining({ event: 'licence-end.run', erased: 1, tombstonesRemoved: 2 }),
    ]);
    // Into the service's stream, never the erased tenant's; and no address.
    expect(h.log.events.every((e) => e.tenant === undefined)).toBe(true);
    expect(JSON.stringify(h.log.events)).not.toContain('support@');
  });

  it('when one erasure fails, then the others still run and the failure is logged with its code', async () => {
    const h = harness(
      [tenant('a.sharepoint.com', '2020-01-01'), tenant('b.sharepoint.com', '2020-01-01')],
      ['a.sharepoint.com'],
    );
    const report = await runLicenceEnd(h.deps, at('2026-04-01T03:41:00Z'));
    expect(report).toMatchObject({ erased: ['b.sharepoint.com'], failed: 1 });
    expect(h.log.events[0]).toMatchObject({ outcome: 'failed', code: 'http-503' });
  });

  it('when a licence has a malformed expiry date, then it is not erased and a warn line names the tenant, not the date', async () => {
    const h = harness([
      tenant('odd.sharepoint.com', '2026-13-01'),
      tenant('ok.sharepoint.com', '2099-01-01'),
    ]);
    const report = await runLicenceEnd(h.deps, at('2026-04-01T03:41:00Z'));
    expect(report.erased).toEqual([]);
    expect(h.log.events[0]).toEqual({
      event: 'licence-end.skipped',
      level: 'warn',
      domain: 'odd.sharepoint.com',
      code: 'expiry-malformed',
    });
    expect(JSON.stringify(h.log.events)).not.toContain('2026-13-01');
  });

  it("when an old tombstone's tenant has a record again, then that tombstone is kept and logged; the others go", async () => {
    const back = tenant('back.sharepoint.com', '2099-01-01');
    const h = harness([back], [], ['back.sharepoint.com', 'gone.sharepoint.com']);
    const report = await runLicenceEnd(h.deps, at('2026-04-01T03:41:00Z'));
    expect(report).toMatchObject({ tombstonesRemoved: 1, tombstonesKept: 1 });
    expect(h.log.events).toContainEqual({
      event: 'tombstone.kept',
      level: 'warn',
      domain: 'back.sharepoint.com',
      code: 'tenant-record-exists',
    });
  });
});
