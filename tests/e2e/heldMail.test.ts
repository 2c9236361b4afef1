/**
 * Mail for a tenant whose licence has lapsed is held, not lost, and becomes a ticket once the
 * licence is renewed. The pipeline runs with the app's own deps on the test stack; the queue's
 * redelivery of the held message (after its delay) is played by handing the pipeline the message
 * that `hold` put back, so the test needs no clock of its own.
 */
import { loadConfig } from '../../lib/config';
import { type Deps, buildDeps } from '../../lib/deps';
import { processMail } from '../../lib/pipeline/processMail';
import { type TestTenant, mail, newTenant, readList, settings } from './support';

describe('mail for a lapsed licence', () => {
  let deps: Deps;
  let tenant: TestTenant;

  beforeAll(async () => {
    deps = buildDeps(loadConfig(settings()));
    tenant = await newTenant({ expiresAt: '2020-01-31' });
  });

  afterAll(() => deps.log.close());

  it('when the licence has expired, then the mail is held with its staged copy, and converted after renewal', async () => {
    const mailbox = tenant.supportAddresses[0] ?? '';
    const message = await deps.staging.stage(tenant.domain, mailbox, mail({ to: mailbox }));

    const first = await processMail(message, deps, { dequeueCount: 1 });
    expect(first.outcome).toBe('held-licence-expired');
    expect(await deps.staging.countStaged(tenant.domain)).toBe(1);
    expect(await readList(tenant, 'Tickets')).toHaveLength(0);

    // Still expired on the next look: held again, nothing written.
    const again = await processMail({ ...message, held: 1 }, deps, { dequeueCount: 1 });
    expect(again.outcome).toBe('held-licence-expired');

    await deps.tenants.put({
      ...tenant,
      licence: { ...tenant.licence, expiresAt: '2099-12-31' },
      installations: [],
    });
    const renewed = await processMail({ ...message, held: 2 }, deps, { dequeueCount: 1 });
    expect(renewed.outcome).toBe('ticket-created');
    expect(await readList(tenant, 'Tickets')).toHaveLength(1);
    expect(await deps.staging.countStaged(tenant.domain)).toBe(0);
  });
});
