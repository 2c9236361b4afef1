import { clientStateFor, clientStateMatches } from '../../../lib/mailbox/clientState';
import { acceptLifecycle, acceptNotifications } from '../../../lib/mailbox/notifications';
import { MAX_ITEMS } from '../../../lib/mailbox/notificationShape';
import { RECORD, mailboxWorld } from './fakes';

function change(overrides: Record<string, unknown> = {}) {
  return {
    subscriptionId: 'sub-1',
    changeType: 'created',
    resource: 'Users/user-1/Messages/msg-1',
    resourceData: { '@odata.type': '#Microsoft.Graph.Message', id: 'msg-1' },
    ...overrides,
  };
}

describe('notifications: checked and queued, never fetched', () => {
  const key = Buffer.alloc(32, 7);
  const state = clientStateFor(key, RECORD);

  it('clientState is derived per mailbox and connection, short, and compared whole', () => {
    expect(state).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(clientStateFor(key, { ...RECORD, connectedAt: '2026-02-01T00:00:00.000Z' })).not.toBe(
      state,
    );
    expect(clientStateFor(key, { ...RECORD, tenant: 'other.sharepoint.com' })).not.toBe(state);
    expect(clientStateMatches(state, state)).toBe(true);
    expect(clientStateMatches(state, state.slice(0, -1))).toBe(false);
    expect(clientStateMatches(state, `${state.slice(0, -1)}x`)).toBe(false);
    expect(clientStateMatches(state, undefined)).toBe(false);
  });

  it('when a notification has the right clientState, then one FetchJob is queued for its message', async () => {
    const w = mailboxWorld();
    const result = await acceptNotifications({ value: [change({ clientState: state })] }, w.deps);
    expect(result).toEqual({ status: 202, queued: 1 });
    expect(w.jobs).toEqual([
      { kind: 'fetch', tenant: RECORD.tenant, mailbox: RECORD.address, messageId: 'msg-1' },
    ]);
    expect(w.exchange.requests).toEqual([]);
  });

  it('when items have a wrong clientState or an unknown subscription, then they are counted and ignored', async () => {
    const w = mailboxWorld();
    const body = {
      value: [
        change({ clientState: 'forged' }),
        change({ clientState: state, subscriptionId: 'sub-gone' }),
        change({ clientState: state, changeType: 'updated' }),
      ],
    };
    expect(await acceptNotifications(body, w.deps)).toEqual({ status: 202, queued: 0 });
    expect(w.jobs).toEqual([]);
    expect(w.log.events).toEqual([
      expect.objectContaining({
        event: 'mailbox.notify',
        items: 3,
        queued: 0,
        unknown: 1,
        rejected: 1,
      }),
    ]);
  });

  it('when the body is not a notification collection, then 400 and nothing is queued', async () => {
    const w = mailboxWorld();
    const bodies = [
      null,
      { value: [] },
      { value: 'x' },
      { value: [change({ subscriptionId: 5 })] },
      { value: Array.from({ length: MAX_ITEMS + 1 }, () => change({ clientState: state })) },
    ];
    for (const body of bodies) {
      expect(await acceptNotifications(body, w.deps)).toEqual({ status: 400, queued: 0 });
    }
    expect(w.jobs).toEqual([]);
  });

  it('when lifecycle events come, then missed and removed queue a catch-up and reauthorization is answered at once', async () => {
    const w = mailboxWorld(() => ({}));
    const item = (lifecycleEvent: string) => ({
      subscriptionId: 'sub-1',
      clientState: state,
      lifecycleEvent,
    });
    const body = {
      value: [
        item('missed'),
        item('subscriptionRemoved'),
        item('reauthorizationRequired'),
        item('new'),
      ],
    };
    expect(await acceptLifecycle(body, w.deps)).toEqual({ status: 202, queued: 2 });
    expect(w.jobs.map((j) => (j.kind === 'sync' ? j.reason : j.kind))).toEqual([
      'missed',
      'removed',
    ]);
    expect(w.exchange.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      'POST /subscriptions/sub-1/reauthorize',
    ]);
  });
});
