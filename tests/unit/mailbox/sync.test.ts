import { openMailbox } from '../../../lib/mailbox/context';
import { MAX_PAGES, syncMailbox } from '../../../lib/mailbox/sync';
import { RECORD, type Request, graphError, mailboxWorld } from './fakes';

const DELTA = `/users/user-1/mailFolders/inbox/messages/delta`;

async function sync(w: ReturnType<typeof mailboxWorld>) {
  const opened = await openMailbox(w.deps, RECORD.tenant, RECORD.address);
  if (!opened) throw new Error('no mailbox');
  return syncMailbox(opened, w.deps);
}

describe('catch-up through the inbox delta', () => {
  it('when a first round pages through, then each message is queued once, removals are not, and the deltaLink is kept', async () => {
    const pages: Record<string, unknown> = {
      [DELTA]: { value: [{ id: 'a' }, { id: 'b' }], '@odata.nextLink': 'https://g/next' },
      'https://g/next': {
        value: [{ id: 'b' }, { id: 'c', '@removed': { reason: 'deleted' } }],
        '@odata.deltaLink': 'https://g/delta?token=1',
      },
    };
    const w = mailboxWorld((r: Request) => pages[r.path]);
    const result = await sync(w);
    expect(result).toEqual({ queued: 2, pages: 2, restarted: false, partial: false });
    expect(w.jobs.map((j) => (j.kind === 'fetch' ? j.messageId : j.kind))).toEqual(['a', 'b']);
    const [first, second] = w.exchange.requests;
    // The window: a day before the connection, since the mailbox never synced.
    expect(first?.call.query).toEqual({
      $select: 'id,receivedDateTime',
      $filter: 'receivedDateTime ge 2025-12-31T00:00:00.000Z',
    });
    expect(first?.call.prefer).toEqual(['odata.maxpagesize=50']);
    expect(second?.call.query).toBeUndefined();
    expect(second?.call.prefer).toEqual(['odata.maxpagesize=50']);
    const saved = await w.mailboxes.get(RECORD.tenant, RECORD.address);
    expect(saved?.deltaLink).toBe('https://g/delta?token=1');
    expect(saved?.lastSyncAt).toBe('2026-01-02T00:00:00.000Z');
  });

  it('when the stored token is stale (410 or syncStateNotFound), then the delta restarts from a day before the last sync', async () => {
    for (const stale of [graphError(410, 'Gone'), graphError(400, 'syncStateNotFound')]) {
      const w = mailboxWorld((r: Request) => {
        if (r.path === 'https://g/old') throw stale;
        return { value: [{ id: 'a' }], '@odata.deltaLink': 'https://g/new' };
      });
      await w.mailboxes.update(RECORD, () => ({
        deltaLink: 'https://g/old',
        lastSyncAt: '2026-01-01T12:00:00.000Z',
        freshRoundAt: '2026-01-01T12:00:00.000Z',
      }));
      expect(await sync(w)).toMatchObject({ queued: 1, restarted: true });
      expect(w.exchange.requests[1]?.call.query?.$filter).toBe(
        'receivedDateTime ge 2025-12-31T12:00:00.000Z',
      );
      expect((await w.mailboxes.get(RECORD.tenant, RECORD.address))?.deltaLink).toBe(
        'https://g/new',
      );
    }
  });

  it('when the last fresh round is a day old, then the round starts afresh from the window instead of the deltaLink', async () => {
    const w = mailboxWorld(() => ({ value: [{ id: 'a' }], '@odata.deltaLink': 'https://g/new' }));
    const kept = { deltaLink: 'https://g/kept', lastSyncAt: '2026-01-01T23:45:00.000Z' };
    await w.mailboxes.update(RECORD, () => ({ ...kept, freshRoundAt: '2026-01-01T23:00:00.000Z' }));
    await sync(w);
    expect(w.exchange.requests.at(-1)?.path).toBe('https://g/kept');
    w.setNow(new Date('2026-01-03T00:00:00.000Z'));
    await sync(w);
    expect(w.exchange.requests.at(-1)?.path).toBe(DELTA);
    expect(w.exchange.requests.at(-1)?.call.query?.$filter).toBe(
      'receivedDateTime ge 2026-01-01T00:00:00.000Z',
    );
    expect((await w.mailboxes.get(RECORD.tenant, RECORD.address))?.freshRoundAt).toBe(
      '2026-01-03T00:00:00.000Z',
    );
  });

  it('when the backlog is longer than one job may walk, then the nextLink is kept and a follow-up catch-up queued', async () => {
    let n = 0;
    const w = mailboxWorld(() => ({
      value: [{ id: `m${n++}` }],
      '@odata.nextLink': `https://g/p${n}`,
    }));
    const result = await sync(w);
    expect(result).toMatchObject({ pages: MAX_PAGES, partial: true, queued: MAX_PAGES });
    const saved = await w.mailboxes.get(RECORD.tenant, RECORD.address);
    expect(saved?.deltaLink).toBe(`https://g/p${MAX_PAGES}`);
    expect(saved?.lastSyncAt).toBeUndefined();
    expect(w.jobs.at(-1)).toEqual({
      kind: 'sync',
      tenant: RECORD.tenant,
      mailbox: RECORD.address,
      reason: 'timer',
    });
  });

  it('when another error comes, then it propagates and the stored state is untouched', async () => {
    const w = mailboxWorld(() => {
      throw graphError(503, 'serviceNotAvailable');
    });
    await expect(sync(w)).rejects.toMatchObject({ code: 'graph-unavailable' });
    expect((await w.mailboxes.get(RECORD.tenant, RECORD.address))?.lastSyncAt).toBeUndefined();
  });
});
