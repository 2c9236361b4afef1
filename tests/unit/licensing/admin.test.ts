import { UsageError, runLicenceCommand } from '../../../lib/licensing/admin';
import type { TenantRecord, TenantStore } from '../../../lib/tenants/store';

function harness() {
  const records = new Map<string, TenantRecord>();
  const lines: string[] = [];
  const tenants: TenantStore = {
    get: async (d) => records.get(d),
    byAddress: async () => undefined,
    put: async (r) => void records.set(r.domain, { ...r, id: r.domain }),
    recordInstallation: async () => undefined,
    remove: async (d) => records.delete(d),
    list: async () => [...records.values()],
    ready: async () => undefined,
    probe: async () => undefined,
  };
  // Domains with an erasure tombstone (lib/tenants/tombstones.ts).
  const erased = new Set<string>();
  const run = (line: string) =>
    runLicenceCommand(line.split(' '), {
      tenants,
      tombstones: { lift: async (d) => erased.delete(d) },
      countStaged: async () => 2,
      now: () => new Date('2026-11-22T10:00:00Z'),
      out: (l) => lines.push(l),
    });
  return { records, lines, run, erased };
}

describe('npm run license', () => {
  it('when a licence is added with a past expiry, then it shows as expired', async () => {
    const h = harness();
    await h.run('add x.sharepoint.com --expires 2020-01-31');
    expect(h.lines).toEqual(['x.sharepoint.com added: expired']);
    await h.run('show x.sharepoint.com');
    expect(h.lines.join('\n')).toContain(
      'x.sharepoint.com: expired (plan standard, expires 2020-01-31)',
    );
    expect(h.lines.join('\n')).toContain('mails waiting: 2');
  });

  it('when an ended licence is shown, then it says when the tenant is erased; a running one says nothing of it', async () => {
    const h = harness(); // today is 2026-11-22
    await h.run('add x.sharepoint.com --expires 2026-11-01');
    await h.run('add y.sharepoint.com --expires 2026-11-22');
    await h.run('show x.sharepoint.com');
    await h.run('show y.sharepoint.com');
    expect(h.lines.filter((l) => l.includes('erase after'))).toEqual(['  erase after: 2026-12-01']);
  });

  it('when an erased domain is added again, then its tombstone is lifted and the operator is told', async () => {
    const h = harness();
    h.erased.add('x.sharepoint.com');
    await h.run('add x.sharepoint.com --expires 2030-01-31');
    expect(h.erased.size).toBe(0);
    expect(h.lines).toEqual([
      'x.sharepoint.com: its erasure tombstone is lifted, mail is taken again',
      'x.sharepoint.com added: valid',
    ]);
  });

  it('when a licence is renewed, suspended and resumed, then each change is kept', async () => {
    const h = harness();
    await h.run('add x.sharepoint.com --expires 2020-01-31 --plan basic');
    await h.run('set x.sharepoint.com --expires 2030-01-31');
    await h.run('set x.sharepoint.com --suspend');
    expect(h.records.get('x.sharepoint.com')?.licence).toEqual({
      plan: 'basic',
      expiresAt: '2030-01-31',
      suspended: true,
    });
    await h.run('set x.sharepoint.com --resume');
    expect(h.lines.at(-1)).toBe('x.sharepoint.com updated: valid');
  });

  it.each([
    ['no command', ''],
    ['an unknown command', 'frobnicate x.sharepoint.com'],
    ['a look-alike domain', 'add x.sharepoint.com.evil.example --expires 2030-01-01'],
    ['an impossible date', 'add x.sharepoint.com --expires 2030-02-30'],
    ['a month that does not exist', 'add x.sharepoint.com --expires 2020-13-45'],
    ['a missing expiry on add', 'add x.sharepoint.com'],
    ['an unknown option', 'add x.sharepoint.com --expires 2030-01-01 --bogus'],
    ['a flag without its value', 'add x.sharepoint.com --expires'],
    ['show of an unknown domain', 'show y.sharepoint.com'],
    ['set of an unknown domain', 'set y.sharepoint.com --plan p'],
  ])(
    'when given %s, then it fails with a one-line usage error and writes nothing',
    async (_d, line) => {
      const h = harness();
      const err = await h.run(line).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(UsageError);
      expect((err as Error).message).not.toContain('\n');
      expect(h.records.size).toBe(0);
    },
  );
});
