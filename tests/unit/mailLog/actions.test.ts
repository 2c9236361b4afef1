/**
 * Recovery of mail from the Mail Log, run by the outbox timer (lib/mailLog/actions.ts): which
 * items a tick takes, that of two runners one stages an item, what is staged, what fails an item,
 * and what an idle tick costs. The book and the staging are fakes of our own interfaces.
 */
import { TransientError } from '../../../lib/errors';
import { MemoryLog } from '../../../lib/log';
import { type MailLogDeps, runMailLogActions } from '../../../lib/mailLog/actions';
import type { HelpdeskSite } from '../../../lib/sharepoint/helpdesk';
import type { MailMessage, StageExtra } from '../../../lib/storage/staging';
import type { TenantRecord } from '../../../lib/tenants/store';
import { MemoryMailLogBook } from './fakeBook';

const tenant: TenantRecord = {
  id: 'contoso.sharepoint.com',
  domain: 'contoso.sharepoint.com',
  entraTenantId: 't',
  siteUrl: 'https://contoso.sharepoint.com/sites/helpdesk',
  supportAddresses: ['support@contoso.com', 'billing@contoso.com'],
  licence: { plan: 'standard', expiresAt: '2099-12-31', suspended: false },
  installations: [],
};

const original = (to = 'Billing <Billing@Contoso.com>') =>
  Buffer.from(
    `From: robot@example.net\r\nTo: ${to}\r\nAuto-Submitted: auto-replied\r\n\r\nAway.\r\n`,
  );

interface Staged {
  tenant: string;
  mailbox: string;
  raw: Buffer;
  extra?: StageExtra;
}

function aRunner(book: MemoryMailLogBook | undefined, failStage = 0) {
  const staged: Staged[] = [];
  const log = new MemoryLog();
  let failures = failStage;
  const deps: MailLogDeps = {
    helpdesks: { open: async () => ({ mailLogBook: book }) as unknown as HelpdeskSite },
    staging: {
      stage: async (t, mailbox, raw, extra) => {
        if (failures-- > 0) throw new TransientError('graph-unavailable', 'staging down');
        staged.push({ tenant: t, mailbox, raw, ...(extra ? { extra } : {}) });
        return {} as MailMessage;
      },
    },
    log,
    now: () => new Date('2026-03-01T10:00:00Z'),
    staleMakingMs: 15 * 60_000,
    maxBytes: 1024,
  };
  return { deps, staged, log };
}

describe('runMailLogActions', () => {
  it('when an agent set an item to Make ticket, then it is taken (Making) and its original staged once for the support address it was sent to, with the item id', async () => {
    const book = new MemoryMailLogBook();
    book.add('7', {}, original());
    const r = aRunner(book);
    const run = await runMailLogActions(tenant, r.deps, { sweep: false });
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
    await runMailLogActions(tenant, r.deps, { sweep: false });
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
      runMailLogActions(tenant, first.deps, { sweep: false }),
      runMailLogActions(tenant, second.deps, { sweep: false }),
    ]);
    expect(runs.map((r) => r.staged).sort()).toEqual([0, 1]);
    expect(runs.map((r) => r.skipped).sort()).toEqual([0, 1]);
    expect(first.staged.length + second.staged.length).toBe(1);
  });

  it('when the site has no Mail Log, then the tick costs no request and does nothing', async () => {
    const r = aRunner(undefined);
    const run = await runMailLogActions(tenant, r.deps, { sweep: true });
    expect(run).toEqual({ staged: 0, skipped: 0, failed: 0, waiting: 0 });
    expect(r.log.events).toEqual([]);
  });

  it('when nothing is asked for, then an idle tick is one query and logs nothing, on a sweep tick too', async () => {
    const book = new MemoryMailLogBook();
    book.add('1', { action: 'Done' });
    const r = aRunner(book);
    await runMailLogActions(tenant, r.deps, { sweep: false });
    await runMailLogActions(tenant, r.deps, { sweep: true });
    expect(book.calls).toEqual(['find Make ticket', 'find Make ticket|Making']);
    expect(r.log.events).toEqual([]);
  });

  it('when an item was left Making, then only a sweep tick past the stale time stages it again', async () => {
    const book = new MemoryMailLogBook();
    book.add('7', { action: 'Making', modifiedAt: new Date('2026-03-01T09:50:00Z') }, original());
    const r = aRunner(book);
    await runMailLogActions(tenant, r.deps, { sweep: false });
    await runMailLogActions(tenant, r.deps, { sweep: true }); // 10 minutes: not stale yet
    expect(r.staged).toEqual([]);
    r.deps.now = () => new Date('2026-03-01T10:05:00Z'); // 15 minutes
    await runMailLogActions(tenant, r.deps, { sweep: true });
    expect(r.staged.map((s) => s.extra)).toEqual([{ recovery: { itemId: '7' } }]);
    expect(book.items.get('7')?.modifiedAt).toEqual(book.now);
  });

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
    const run = await runMailLogActions(tenant, r.deps, { sweep: false });
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
    expect((await runMailLogActions(tenant, r.deps, { sweep: false })).waiting).toBe(1);
    expect(book.items.get('7')?.action).toBe('Make ticket');
    expect((await runMailLogActions(tenant, r.deps, { sweep: false })).staged).toBe(1);
    expect(r.staged).toHaveLength(1);
  });

  it('when the site cannot be read, then the tenant is logged with a code and the run does not throw', async () => {
    const r = aRunner(undefined);
    r.deps.helpdesks = {
      open: () => Promise.reject(new TransientError('graph-unavailable', 'down')),
    };
    await expect(runMailLogActions(tenant, r.deps, { sweep: false })).resolves.toMatchObject({
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
