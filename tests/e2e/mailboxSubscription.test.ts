/**
 * A subscription that ends (it expired unrenewed, or Graph removed it) is recreated, and mail
 * keeps flowing: by the sync timer for an expired one, at once for a removed one (Graph says so
 * with a lifecycle event).
 */
import { sharedHost } from './setup';
import {
  connect,
  deliver,
  exactlyTickets,
  expire,
  lifecycle,
  subscriptionsOf,
  syncTimerAfterExpiry,
  tenantWithMailbox,
} from './mailboxSupport';
import { type TestTenant, eventually, mail } from './support';

const host = sharedHost();

/** The tenant's one live subscription once it is not `old`. */
function newSubscription(tenant: TestTenant, old: string | undefined): Promise<string> {
  return eventually(async () => {
    const live = await subscriptionsOf(tenant);
    return live.length === 1 && live[0] !== old ? live[0] : undefined;
  });
}

describe('subscriptions', () => {
  it('when the subscription expired unrenewed, then the sync timer recreates it and mail flows again', async () => {
    const { tenant, support } = await tenantWithMailbox();
    await connect(host.url, tenant, support);
    const [old] = await subscriptionsOf(tenant);
    await expire(old ?? '');
    expect(await subscriptionsOf(tenant)).toEqual([]);

    expect(await syncTimerAfterExpiry(host.url)).toMatchObject({ recreated: 1 });
    await newSubscription(tenant, old);
    await deliver(support, mail({ to: support, subject: 'After the expiry' }));
    const [ticket] = await exactlyTickets(tenant, 1);
    expect(ticket?.fields.Title).toBe('After the expiry');
  });

  it('when Graph removes the subscription, then it is recreated and mail flows again', async () => {
    const { tenant, support } = await tenantWithMailbox();
    await connect(host.url, tenant, support);
    const [old] = await subscriptionsOf(tenant);
    await lifecycle(old ?? '', 'subscriptionRemoved');

    await newSubscription(tenant, old);
    await deliver(support, mail({ to: support, subject: 'After the removal' }));
    const [ticket] = await exactlyTickets(tenant, 1);
    expect(ticket?.fields.Title).toBe('After the removal');
  });
});
