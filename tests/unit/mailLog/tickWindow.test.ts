/**
 * The outbox tick gives Mail Log recovery a window (lib/outbound/tick.ts MAIL_LOG_WINDOW_MS):
 * past it no recovery begins nor takes a further item, so tenants late in the list still get
 * their outbox runs; what was not begun waits, unchanged, for the next tick. The clock is a
 * counter the fakes move on; runOutbox and the Mail Log are fakes of our own interfaces.
 */
import { MemoryLog } from '../../../lib/log';
import { OUTBOX_DEFAULTS, type OutboxRun } from '../../../lib/outbound/outbox';
import { MAIL_LOG_WINDOW_MS, type OutboxTickDeps, outboxTick } from '../../../lib/outbound/tick';
import type { HelpdeskSite } from '../../../lib/sharepoint/helpdesk';
import type { MailMessage } from '../../../lib/storage/staging';
import type { TenantRecord } from '../../../lib/tenants/store';
import { MemoryMailLogBook } from './fakeBook';
import { original, tenant } from './runnerWorld';

const IDLE: OutboxRun = { sent: 0, failed: 0, notSent: 0, recovered: 0, waiting: 0 };
const TICK = new Date('2026-03-01T10:01:00Z');

/** Tenants with one book each; an outbox run takes `runMs`, a staging `stageMs` of the clock. */
function aWorld(names: string[], items: number) {
  const clock = { ms: TICK.getTime(), runMs: 0, stageMs: 0 };
  const now = () => new Date(clock.ms);
  const log = new MemoryLog();
  const tenants: TenantRecord[] = names.map((n) => ({ ...tenant, id: n, domain: n, siteUrl: n }));
  const books = new Map(names.map((n) => [n, new MemoryMailLogBook()]));
  for (const book of books.values()) {
    for (let i = 1; i <= items; i++) book.add(String(i), {}, original());
  }
  const runs: string[] = [];
  const deps: OutboxTickDeps = {
    tenants: { list: async () => tenants },
    outbox: { ...({} as OutboxTickDeps['outbox']), log, now, config: OUTBOX_DEFAULTS },
    sweepEveryMinutes: 5,
    run: async (t) => {
      runs.push(t.id);
      clock.ms += clock.runMs;
      return IDLE;
    },
    mailLog: {
      helpdesks: { open: async (t) => ({ mailLogBook: books.get(t.siteUrl) }) as HelpdeskSite },
      staging: {
        stage: async () => {
          clock.ms += clock.stageMs;
          return {} as MailMessage;
        },
      },
      log,
      now,
      staleMakingMs: 15 * 60_000,
      maxBytes: 1024,
    },
  };
  const actions = (n: string) => [...(books.get(n)?.items.values() ?? [])].map((e) => e.action);
  const deferred = () => log.events.filter((e) => e.event === 'maillog.deferred');
  return { clock, deps, runs, actions, deferred };
}

describe('outboxTick and the Mail Log window', () => {
  it('when recovery stages slowly, then no further item is taken once the window is over, and the rest wait as they were', async () => {
    const w = aWorld(['a.example'], 4);
    w.clock.stageMs = MAIL_LOG_WINDOW_MS / 2.5;
    await outboxTick(w.deps, TICK);
    // Items taken at 0, 0.4 and 0.8 of the window; at 1.2 the fourth is left for the next tick.
    expect(w.actions('a.example')).toEqual(['Making', 'Making', 'Making', 'Make ticket']);
  });

  it('when the outbox runs use up the window, then every tenant still gets its outbox run, no recovery begins, one line says so, and the next tick recovers', async () => {
    const names = ['a.example', 'b.example', 'c.example', 'd.example'];
    const w = aWorld(names, 1);
    w.clock.runMs = MAIL_LOG_WINDOW_MS;
    await outboxTick(w.deps, TICK);
    expect([...w.runs].sort()).toEqual(names);
    for (const n of names) expect(w.actions(n)).toEqual(['Make ticket']);
    expect(w.deferred()).toEqual([{ event: 'maillog.deferred', level: 'warn', tenants: 4 }]);

    w.clock.runMs = 0;
    await outboxTick(w.deps, TICK);
    for (const n of names) expect(w.actions(n)).toEqual(['Making']);
    expect(w.deferred()).toHaveLength(1);
  });
});
