/**
 * Recovery of mail from the Mail Log, run by the outbox timer (lib/mailLog/actions.ts): which
 * items a tick takes, that of two runners one stages an item, what is staged, what fails an item,
 * and what an idle tick costs. The book and the staging are fakes of our own interfaces.
 */
import { runMailLogActions } from '../../../lib/mailLog/actions';
import { MemoryMailLogBook } from './fakeBook';
import { aRunner, original, tenant } from './runnerWorld';

describe('runMailLogActions', () => {
  it('when an agent set an item to Make ticket, then it is taken (Making) and its original staged once for the support address it was sent to, with the item id', async () => {
    const book = new MemoryMailLogBook();
    book.add('7', {}, original());
    const r = aRunner(book);
    const run = await runMailLogActions(tenant, r.deps, { sweep: false, until: Infinity });
    expect(run).toEqual({ staged: 1, skipped: 0, failed: 0, waiting: 0 });
    expect(r.staged).toEqual([
      {
        tenant: tenant.id,
        mailbox: 'billing@contoso.com',
        raw: original(),
        extra: { recovery: { itemId: '7' } },
      },
    ]);
    expect(book.items.get('7')?.action).toBe('Making');
    expect(book.calls).toEqual(['find Make ticket', 'set Making', 'original']);
    // The log line names the item, never an address or subject.
    const lines = JSON.stringify(r.log.events);
    expect(lines).not.toMatch(/contoso\.com|example\.net/);
    expect(r.log.events).toEqual([
      { event: 'maillog.action', tenant: tenant.id, item: '7', outcome: 'staged' },
    ]);
  });

  it('when the original names none of the support addresses, then it is staged for the first', async () => {
    const book = new MemoryMailLogBook();
    book.add('7', {}, original('someone@elsewhere.example'));
    const r = aRunner(book);
    await runMailLogActions(tenant, r.deps, { sweep: false, until: Infinity });
    expect(r.staged.map((s) => s.mailbox)).toEqual(['support@contoso.com']);
  });

  it('when two runners read the same item, then only the one whose claim lands first stages it', async () => {
    const book = new MemoryMailLogBook();
    book.add('7', {}, original());
    const [first, second] = [aRunner(book), aRunner(book)];
    // Both read the item before either claims it: the second claim names a stale eTag.
    const found = book.findByAction.bind(book);
    const reads = await found(['Make ticket'], 10);
    book.findByAction = async () => reads;
    const runs = await Promise.all([
      runMailLogActions(tenant, first.deps, { sweep: false, until: Infinity }),
      runMailLogActions(tenant, second.deps, { sweep: false, until: Infinity }),
    ]);
    expect(runs.map((r) => r.staged).sort()).toEqual([0, 1]);
    expect(runs.map((r) => r.skipped).sort()).toEqual([0, 1]);
    expect(first.staged.length + second.staged.length).toBe(1);
  });

  it('when the site has no Mail Log, then the tick costs no request and does nothing', async () => {
    const r = aRunner(undefined);
    const run = await runMailLogActions(tenant, r.deps, { sweep: true, until: Infinity });
    expect(run).toEqual({ staged: 0, skipped: 0, failed: 0, waiting: 0 });
    expect(r.log.events).toEqual([]);
  });

  it('when nothing is asked for, then an idle tick is one query and logs nothing, on a sweep tick too', async () => {
    const book = new MemoryMailLogBook();
    book.add('1', { action: 'Done' });
    const r = aRunner(book);
    await runMailLogActions(tenant, r.deps, { sweep: false, until: Infinity });
    await runMailLogActions(tenant, r.deps, { sweep: true, until: Infinity });
    expect(book.calls).toEqual(['find Make ticket', 'find Make ticket|Making']);
    expect(r.log.events).toEqual([]);
  });

  it('when an item was left Making, then only a sweep tick past the stale time stages it again', async () => {
    const book = new MemoryMailLogBook();
    book.add('7', { action: 'Making', modifiedAt: new Date('2026-03-01T09:50:00Z') }, original());
    const r = aRunner(book);
    await runMailLogActions(tenant, r.deps, { sweep: false, until: Infinity });
    await runMailLogActions(tenant, r.deps, { sweep: true, until: Infinity }); // 10 minutes: not stale yet
    expect(r.staged).toEqual([]);
    r.deps.now = () => new Date('2026-03-01T10:05:00Z'); // 15 minutes
    await runMailLogActions(tenant, r.deps, { sweep: true, until: Infinity });
    expect(r.staged.map((s) => s.extra)).toEqual([{ recovery: { itemId: '7' } }]);
    expect(book.items.get('7')?.modifiedAt).toEqual(book.now);
  });
});
