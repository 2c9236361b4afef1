/**
 * Licence end and the erasure tombstone on the local stack (issue 14): the licenceEnd timer,
 * run through the host's admin API, erases a tenant whose licence ended 31 days ago and keeps one
 * that renewed; mail racing an erasure never recreates the tenant's key, neither at the door of a
 * host whose tenant cache still routes to it nor when a mail queued before it is processed after.
 * Licence dates are set relative to today, so nothing waits; the date arithmetic's boundaries
 * are in tests/unit/tenants/licenceEnd.test.ts.
 */
import { loadConfig } from '../../lib/config';
import { type Deps, buildDeps } from '../../lib/deps';
import { MAIL_QUEUE } from '../../lib/storage/names';
import { eraseTenant } from '../../lib/tenants/data';
import { tenantDataDeps } from '../../lib/tenants/dataDeps';
import { tombstonesIn } from '../../lib/tenants/tombstones';
import { TEST_MASTER_KEY, type TestHost, emptyTestQueue, startHost } from '../support/stack';
import { eventually, mail, newTenant, postMail, settings, ticketsWhen } from './support';

const DAY_MS = 24 * 3600 * 1000;
/** A UTC day `offset` days from today (YYYY-MM-DD). */
const day = (offset: number) => new Date(Date.now() + offset * DAY_MS).toISOString().slice(0, 10);

describe('licence end and the erasure tombstone', () => {
  let deps: Deps;
  let host: TestHost | undefined;
  const lines: string[] = [];
  const hostUrl = () => {
    if (!host) throw new Error('the host is not started yet');
    return host.url;
  };
  const erase = async (domain: string) => eraseTenant(domain, await tenantDataDeps(deps));
  const hasKey = async (domain: string) => (await deps.keys.existingKey(domain)) !== undefined;

  beforeAll(() => {
    deps = buildDeps(loadConfig(settings()));
  });
  afterAll(async () => {
    await deps.log.close();
  });

  it('when a mail queued before its tenant was erased is processed after, then it creates no key', async () => {
    const tenant = await newTenant();
    const support = tenant.supportAddresses[0] ?? '';
    // Emptied before staging, an empty queue means this mail was taken and settled.
    const queue = await emptyTestQueue(MAIL_QUEUE);
    // Staged while no host runs, so it is still queued when the erasure comes.
    await deps.staging.stage(tenant.domain, support, mail({ to: support }));
    expect(await hasKey(tenant.domain)).toBe(true);
    await erase(tenant.domain);
    host = await startHost({}, (line) => lines.push(line));
    await eventually(async () => {
      const { approximateMessagesCount } = await queue.getProperties();
      return approximateMessagesCount === 0 ? true : undefined;
    });
    // Stopped in order, the host writes the log events it still holds: that is where a key
    // would be made (the mail's outcome is logged under its tenant's key).
    await host.stop();
    expect(await hasKey(tenant.domain)).toBe(false);
    host = await startHost({}, (line) => lines.push(line));
  });

  it('when a host with a stale tenant cache takes mail for a tenant just erased, then it answers 404 and creates no key', async () => {
    const tenant = await newTenant();
    const support = tenant.supportAddresses[0] ?? '';
    // The first mail makes the host cache the tenant behind its address (for 60 s).
    expect((await postMail(hostUrl(), mail({ to: support }), support)).status).toBe(202);
    await ticketsWhen(tenant, 1);
    await erase(tenant.domain);
    const late = await postMail(hostUrl(), mail({ to: support, subject: 'late' }), support);
    expect(late.status).toBe(404);
    expect(await deps.staging.countStaged(tenant.domain)).toBe(0);
    expect(await hasKey(tenant.domain)).toBe(false);
    expect(await tombstonesIn(deps.cosmos).isErased(tenant.domain)).toBe(true);
  });

  it('when the licenceEnd timer runs, then a tenant whose licence ended 31 days ago is erased, and one that renewed or is within its 30 days is not', async () => {
    const [ended, renewed, grace] = await Promise.all([
      newTenant({ expiresAt: day(-31) }),
      newTenant({ expiresAt: day(-31) }),
      // 29, not 30: a run crossing midnight must not make it due.
      newTenant({ expiresAt: day(-29) }),
    ]);
    await deps.tenants.put({
      ...renewed,
      licence: { ...renewed.licence, expiresAt: day(365) },
      installations: [],
    });
    for (const t of [ended, renewed, grace]) await deps.keys.keyFor(t.domain);
    const from = lines.length;
    const res = await fetch(`${hostUrl()}/admin/functions/licenceEnd`, {
      method: 'POST',
      // Test hosts start the timer disabled: only the master key runs it.
      headers: { 'x-functions-key': TEST_MASTER_KEY },
      body: JSON.stringify({ input: '' }),
    });
    expect(res.status).toBe(202);
    const done = await eventually(
      async () =>
        lines
          .slice(from)
          .find((l) => /Executed '(?:Functions\.)?licenceEnd' \((?:Succeeded|Failed)/.test(l)),
      120_000,
    );
    expect(done).toContain('Succeeded');
    expect(await deps.tenants.get(ended.domain)).toBeUndefined();
    expect(await hasKey(ended.domain)).toBe(false);
    expect(await tombstonesIn(deps.cosmos).isErased(ended.domain)).toBe(true);
    for (const kept of [renewed, grace]) {
      expect(await deps.tenants.get(kept.domain)).toBeDefined();
      expect(await hasKey(kept.domain)).toBe(true);
    }
  });
});
