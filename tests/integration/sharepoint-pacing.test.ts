/**
 * The client slows down on SharePoint's RateLimit headers instead of being throttled: tickets
 * written through the real Graph client against the simulator's resource-unit budget (20 units
 * per 10-second window). The budget's clock is manual and moves only when the client sleeps, so
 * the outcome never depends on the machine's speed: with the pacer no request is throttled; the
 * same work without it runs into 429s.
 */
import { GraphClients } from '../../lib/sharepoint/graph';
import type { PacerDeps } from '../../lib/sharepoint/pacer';
import type { RetryDeps } from '../../lib/sharepoint/retry';
import { GraphHelpdeskDirectory } from '../../lib/sharepoint/directory';
import { type SimWorld, aTicket, contoso, newKey, startSimWorld } from './sharepointSim';

let world: SimWorld;

beforeAll(async () => {
  world = await startSimWorld({ provision: true });
});

afterEach(() => world.admin('PUT', 'budget', { off: true }));

afterAll(() => world?.close());

/** A clock shared by the client and the simulator's budget: sleeping moves both. */
function simClock(): PacerDeps & RetryDeps & { slept: number } {
  let now = 0;
  const deps = {
    slept: 0,
    now: () => now,
    random: () => 0.5,
    sleep: async (ms: number) => {
      now += ms;
      deps.slept += ms;
      await world.admin('POST', 'budget/advance', { seconds: ms / 1000 });
    },
  };
  return deps;
}

/** Writes `count` new tickets from 2 requesters the way the pipeline does; returns the budget's view. */
async function writeTickets(count: number, pace: boolean) {
  const clock = simClock();
  await world.admin('PUT', 'budget', { perMinute: 20, windowSeconds: 10, manualClock: true });
  const clients = new GraphClients(world.settings, {
    retryDeps: clock,
    pacer: pace ? clock : false,
  });
  const site = await new GraphHelpdeskDirectory(world.settings, { clients }).open(contoso);
  const keys = Array.from({ length: count }, newKey);
  for (const [i, mailKey] of keys.entries()) {
    const requester = await site.ensureContact(`pace${i % 2}@example.com`, `P${i % 2}`);
    if (!(await world.ticketIdByKey(site, mailKey))) {
      await site.createTicket(aTicket(requester.id, mailKey, { title: `Paced ${i}` }));
    }
  }
  const budget = (await world.admin('GET', 'budget')) as {
    usage: { charged: number; throttled: number }[];
  };
  await world.admin('PUT', 'budget', { off: true });
  return { keys, slept: clock.slept, usage: budget.usage[0] };
}

describe('pacing on RateLimit headers', () => {
  it('when the budget nears its end, then the client slows down and no request is throttled', async () => {
    const { keys, slept, usage } = await writeTickets(10, true);
    expect(usage?.throttled).toBe(0);
    // 10 tickets cost far more than one window's 20 units: the client waited windows out
    // (about 50; the two requesters are read once, then come from the site's contact cache).
    expect(usage?.charged).toBeGreaterThan(40);
    expect(slept).toBeGreaterThan(20_000);
    for (const key of keys) expect(await world.ticketsWithKey(key)).toBe(1);
  });

  it('when the client does not pace, then the same work is throttled (the retries still write it)', async () => {
    const { keys, usage } = await writeTickets(10, false);
    expect(usage?.throttled).toBeGreaterThan(0);
    for (const key of keys) expect(await world.ticketsWithKey(key)).toBe(1);
  });
});
