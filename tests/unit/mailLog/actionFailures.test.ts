/**
 * What fails a Mail Log item the recovery took, and what only waits: no original, one that
 * cannot be read, staging unavailable, a site that cannot be opened (lib/mailLog/actions.ts).
 */
import { TransientError } from '../../../lib/errors';
import { runMailLogActions } from '../../../lib/mailLog/actions';
import { MemoryMailLogBook } from './fakeBook';
import { aRunner, original, tenant } from './runnerWorld';

describe('runMailLogActions when an item cannot be recovered', () => {
  it.each([
    { desc: 'its original is gone', fields: {}, bytes: undefined, note: 'original-missing' },
    {
      desc: 'it names no original',
      fields: { original: undefined },
      bytes: original(),
      note: 'original-missing',
    },
    {
      desc: 'its original is larger than a mail may be',
      fields: {},
      bytes: Buffer.alloc(2048, 65),
      note: 'file-too-large',
    },
  ])('when $desc, then the item is Failed with the code $note and nothing is staged', async (c) => {
    const book = new MemoryMailLogBook();
    book.add('7', c.fields, c.bytes);
    const r = aRunner(book);
    const run = await runMailLogActions(tenant, r.deps, { sweep: false, until: Infinity });
    expect(run.failed).toBe(1);
    expect(r.staged).toEqual([]);
    expect(book.items.get('7')).toMatchObject({ action: 'Failed', note: c.note });
    expect(r.log.events).toEqual([
      expect.objectContaining({ event: 'maillog.action', outcome: 'failed', code: c.note }),
    ]);
  });

  it('when staging fails for now, then the item goes back to Make ticket and the next tick stages it', async () => {
    const book = new MemoryMailLogBook();
    book.add('7', {}, original());
    const r = aRunner(book, 1);
    expect(
      (await runMailLogActions(tenant, r.deps, { sweep: false, until: Infinity })).waiting,
    ).toBe(1);
    expect(book.items.get('7')?.action).toBe('Make ticket');
    expect(
      (await runMailLogActions(tenant, r.deps, { sweep: false, until: Infinity })).staged,
    ).toBe(1);
    expect(r.staged).toHaveLength(1);
  });

  it('when the site cannot be read, then the tenant is logged with a code and the run does not throw', async () => {
    const r = aRunner(undefined);
    r.deps.helpdesks = {
      open: () => Promise.reject(new TransientError('graph-unavailable', 'down')),
    };
    await expect(
      runMailLogActions(tenant, r.deps, { sweep: false, until: Infinity }),
    ).resolves.toMatchObject({
      staged: 0,
    });
    expect(r.log.events).toEqual([
      {
        event: 'maillog.run',
        level: 'warn',
        tenant: tenant.id,
        outcome: 'failed',
        code: 'graph-unavailable',
      },
    ]);
  });
});
