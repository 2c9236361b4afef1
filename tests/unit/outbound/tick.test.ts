/**
 * The outbox timer's tick: which tenants run, when items left `Sending` are swept, how many run
 * at once, and the one log line each tenant ends with. runOutbox itself is faked here (its own
 * tests and the e2e suites run it for real).
 */
import { TransientError } from '../../../lib/errors';
import { MemoryLog } from '../../../lib/log';
import { OUTBOX_DEFAULTS, type OutboxDeps, type OutboxRun } from '../../../lib/outbound/outbox';
import { type OutboxTickDeps, outboxTick } from '../../../lib/outbound/tick';
import type { TenantRecord } from '../../../lib/tenants/store';

const tenantOf = (id: string, expiresAt = '2099-12-31', suspended = false): TenantRecord => ({
  id,
  domain: id,
  entraTenantId: `entra-${id}`,
  siteUrl: `https://${id}/sites/helpdesk`,
  supportAddresses: [`support@${id}`],
  licence: { plan: 'standard', expiresAt, suspended },
  installations: [],
});

const IDLE: OutboxRun = { sent: 0, failed: 0, notSent: 0, recovered: 0, waiting: 0 };

function aTick(tenants: TenantRecord[], answer: (t: TenantRecord) => Promise<OutboxRun>) {
  const log = new MemoryLog();
  const runs: Array<{ tenant: string; sweep: boolean }> = [];
  const outbox: OutboxDeps = {
    helpdesks: { openOutbox: () => Promise.reject(new Error('unused')) },
    exchange: { forTenant: () => Promise.reject(new Error('unused')) as never },
    log,
    now: () => new Date('2026-03-01T10:00:00Z'),
    config: OUTBOX_DEFAULTS,
  };
  const deps: OutboxTickDeps = {
    tenants: { list: async () => tenants },
    outbox,
    sweepEveryMinutes: 5,
    run: async (tenant, _deps, opts) => {
      runs.push({ tenant: tenant.id, sweep: opts.sweep });
      return answer(tenant);
    },
  };
  const lines = () => log.events.filter((e) => e.event === 'outbound.run');
  return { deps, runs, lines };
}

describe('outboxTick', () => {
  it('when a tenant is licensed, then its outbox runs and one line gives the counts', async () => {
    const t = aTick([tenantOf('a.example')], async () => ({ ...IDLE, sent: 2, waiting: 1 }));
    await outboxTick(t.deps, new Date('2026-03-01T10:01:00Z'));
    expect(t.runs).toEqual([{ tenant: 'a.example', sweep: false }]);
    expect(t.lines()).toEqual([
      expect.objectContaining({ tenant: 'a.example', outcome: 'done', sent: 2, waiting: 1 }),
    ]);
  });

  it('when a licence is expired or suspended, then that tenant is skipped with its reason', async () => {
    const tenants = [
      tenantOf('expired.example', '2026-02-28'),
      tenantOf('suspended.example', '2099-12-31', true),
      tenantOf('valid.example'),
    ];
    const t = aTick(tenants, async () => IDLE);
    await outboxTick(t.deps, new Date('2026-03-01T10:05:00Z'));
    expect(t.runs.map((r) => r.tenant)).toEqual(['valid.example']);
    expect(t.lines()).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          tenant: 'expired.example',
          outcome: 'skipped',
          code: 'licence-expired',
        }),
        expect.objectContaining({ tenant: 'suspended.example', code: 'licence-suspended' }),
      ]),
    );
  });

  it('when a tick between sweeps finds nothing to do or skips a tenant, then it writes no line', async () => {
    const tenants = [tenantOf('idle.example'), tenantOf('expired.example', '2026-02-28')];
    const t = aTick(tenants, async () => ({ ...IDLE, waiting: 0 }));
    await outboxTick(t.deps, new Date('2026-03-01T10:01:00Z'));
    expect(t.runs.map((r) => r.tenant)).toEqual(['idle.example']);
    expect(t.lines()).toEqual([]);
    await outboxTick(t.deps, new Date('2026-03-01T10:05:00Z'));
    expect(
      t
        .lines()
        .map((l) => l.tenant)
        .sort(),
    ).toEqual(['expired.example', 'idle.example']);
  });

  it.each([
    ['10:00', true],
    ['10:05', true],
    ['10:07', false],
  ])('when the tick is at %s, then sweeping is %s (every 5 minutes)', async (at, sweep) => {
    const t = aTick([tenantOf('a.example')], async () => IDLE);
    await outboxTick(t.deps, new Date(`2026-03-01T${at}:00Z`));
    expect(t.runs).toEqual([{ tenant: 'a.example', sweep }]);
  });

  it('when the caller says whether to sweep, then that holds whatever the minute', async () => {
    const t = aTick([tenantOf('a.example')], async () => IDLE);
    await outboxTick(t.deps, new Date('2026-03-01T10:07:00Z'), { sweep: true });
    expect(t.runs).toEqual([{ tenant: 'a.example', sweep: true }]);
  });

  it('when one tenant fails or stops, then it is logged and the others still run', async () => {
    const tenants = ['a', 'b', 'c'].map((n) => tenantOf(`${n}.example`));
    const t = aTick(tenants, async (tenant) => {
      if (tenant.id === 'a.example') throw new TransientError('graph-unavailable', 'down');
      if (tenant.id === 'b.example') return { ...IDLE, waiting: 3, code: 'graph-access-denied' };
      return { ...IDLE, sent: 1 };
    });
    await outboxTick(t.deps, new Date('2026-03-01T10:01:00Z'));
    expect(t.runs.map((r) => r.tenant).sort()).toEqual(['a.example', 'b.example', 'c.example']);
    const byTenant = Object.fromEntries(t.lines().map((l) => [l.tenant, l]));
    expect(byTenant['a.example']).toMatchObject({
      level: 'warn',
      outcome: 'failed',
      code: 'graph-unavailable',
    });
    expect(byTenant['b.example']).toMatchObject({
      level: 'warn',
      outcome: 'stopped',
      code: 'graph-access-denied',
      waiting: 3,
    });
    expect(byTenant['c.example']).toMatchObject({ outcome: 'done', sent: 1 });
  });

  it('when many tenants wait, then two run at a time and every one runs once', async () => {
    let active = 0;
    let most = 0;
    const tenants = ['a', 'b', 'c', 'd', 'e'].map((n) => tenantOf(`${n}.example`));
    const t = aTick(tenants, async () => {
      most = Math.max(most, ++active);
      await new Promise((resolve) => setImmediate(resolve));
      active--;
      return IDLE;
    });
    await outboxTick(t.deps, new Date('2026-03-01T10:01:00Z'));
    expect(most).toBe(2);
    expect(t.runs.map((r) => r.tenant).sort()).toEqual(tenants.map((x) => x.id));
  });
});
