/** Throttling (the simulator's fault knob) through the real Graph client and our retry. */
import { TransientError } from '../../lib/errors';
import type { HelpdeskSite } from '../../lib/sharepoint/helpdesk';
import { type SimWorld, aTicket, contoso, newKey, startSimWorld } from './sharepointSim';

let world: SimWorld;
let site: HelpdeskSite;

beforeAll(async () => {
  world = await startSimWorld({ provision: true });
  site = await world.directory().open(contoso);
});

afterEach(() => world.admin('PUT', 'faults', { rate: 0 }));

afterAll(() => world?.close());

describe('throttling', () => {
  it('when 30% of requests are throttled, then every ticket is still written exactly once', async () => {
    await world.admin('PUT', 'faults', { rate: 0.3, status: 429, retryAfterSeconds: 0.05 });
    const mailKeys = Array.from({ length: 8 }, newKey);
    const { result: tickets, requests } = await world.counted(() =>
      Promise.all(
        mailKeys.map(async (mailKey, i) => {
          const requester = await site.ensureContact(`t${i % 3}@example.com`, `T${i % 3}`);
          if (await site.findTicketByMailKey(mailKey)) throw new Error('ticket before write');
          return site.createTicket(aTicket(requester.id, mailKey, { title: `Ticket ${i}` }));
        }),
      ),
    );
    await world.admin('PUT', 'faults', { rate: 0 });
    expect(new Set(tickets.map((t) => t.id)).size).toBe(8);
    for (const mailKey of mailKeys) expect(await world.ticketsWithKey(mailKey)).toBe(1);
    // Without faults: 8 × (contact find, ticket find, create) plus 3 contact creations, plus
    // re-reads of contacts lost in a race. A 30% fault rate must have added retries on top.
    expect(requests).toBeGreaterThan(8 * 3 + 3 + 5);
  });

  it('when Graph throttles every request, then TransientError graph-throttled, quickly', async () => {
    await world.admin('PUT', 'faults', { rate: 1, status: 429, retryAfterSeconds: 0.05 });
    const started = Date.now();
    const { result: err, requests } = await world.counted(() =>
      site.findTicketByMailKey(newKey()).catch((e: unknown) => e),
    );
    expect(err).toBeInstanceOf(TransientError);
    expect(err).toMatchObject({ code: 'graph-throttled' });
    expect(requests).toBe(5); // the first try and 4 retries
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('when Retry-After is longer than one wait may be, then it gives up without waiting', async () => {
    await world.admin('PUT', 'faults', { rate: 1, status: 503, retryAfterSeconds: 60 });
    const started = Date.now();
    const { result: err, requests } = await world.counted(() =>
      site.findTicketByMailKey(newKey()).catch((e: unknown) => e),
    );
    expect(err).toMatchObject({ code: 'graph-unavailable' });
    expect(requests).toBe(1);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('when 503 comes with a short Retry-After, then it is retried like 429', async () => {
    await world.admin('PUT', 'faults', { rate: 0.5, status: 503, retryAfterSeconds: 0.05 });
    await expect(site.findTicketByMailKey(newKey())).resolves.toBeUndefined();
  });
});
