/**
 * Throttling (the simulator's fault knob) through the real Graph client and our retry. No outcome
 * here depends on timing: the knob picks failing requests by their place in the sequence, and
 * each test either sends one request at a time or bounds the faults below one call's retries.
 */
import { TransientError } from '../../lib/errors';
import type { HelpdeskSite } from '../../lib/sharepoint/helpdesk';
import { DEFAULT_RETRY_POLICY } from '../../lib/sharepoint/retry';
import { type SimWorld, aTicket, contoso, newKey, startSimWorld } from './sharepointSim';

let world: SimWorld;
let site: HelpdeskSite;

beforeAll(async () => {
  world = await startSimWorld({ provision: true });
  site = await world.directory().open(contoso);
});

afterEach(() => world.admin('PUT', 'faults', { rate: 0 }));

afterAll(() => world?.close());

/** Faults answered since the last configuration, from the knob's own count. */
const failed = async (): Promise<number> =>
  ((await world.admin('GET', 'faults')) as { failed: number }).failed;

/** 8 new tickets from 3 requesters (`prefix`0..2), the way the pipeline writes one. */
function writeTickets(prefix: string) {
  const mailKeys = Array.from({ length: 8 }, newKey);
  const write = async (mailKey: string, i: number) => {
    const requester = await site.ensureContact(`${prefix}${i % 3}@example.com`, `T${i % 3}`);
    if (await world.ticketIdByKey(site, mailKey)) throw new Error('ticket before write');
    return site.createTicket(aTicket(requester.id, mailKey, { title: `Ticket ${i}` }));
  };
  return { mailKeys, write };
}

describe('throttling', () => {
  it('when 30% of requests are throttled, then every ticket is still written exactly once', async () => {
    // Deterministic: the flows run one after another, so one request is in flight at a time and
    // a retry is the very next request. The knob's even spread at 0.3 never fails two requests
    // in a row (floor((n+1)·0.3) steps every 3rd or 4th request), so each throttled request is
    // retried once and succeeds, and the requests are exactly those of a run without faults
    // (new requesters, the same shape) plus one per fault.
    const calm = writeTickets('calm');
    const { requests: baseline } = await world.counted(async () => {
      for (const [i, key] of calm.mailKeys.entries()) await calm.write(key, i);
    });

    await world.admin('PUT', 'faults', { rate: 0.3, status: 429, retryAfterSeconds: 0.05 });
    const throttled = writeTickets('throttled');
    const { result: tickets, requests } = await world.counted(async () => {
      const written = [];
      for (const [i, key] of throttled.mailKeys.entries())
        written.push(await throttled.write(key, i));
      return written;
    });
    const faults = await failed();
    await world.admin('PUT', 'faults', { rate: 0 });

    expect(new Set(tickets.map((t) => t.id)).size).toBe(8);
    for (const mailKey of throttled.mailKeys) expect(await world.ticketsWithKey(mailKey)).toBe(1);
    expect(faults).toBe(Math.floor(requests * 0.3 + 1e-9)); // every request counted
    expect(faults).toBeGreaterThan(0);
    expect(requests).toBe(baseline + faults);
  });

  it('when flows run concurrently and fewer requests fail than one call may retry, then every ticket is written exactly once', async () => {
    // Deterministic whatever the interleaving: only the next 4 requests fail, fewer than the
    // retries one call has (DEFAULT_RETRY_POLICY.maxRetries, 4, after the first try), so no
    // call can run out of attempts, whichever calls the faults land on.
    const faultsInAll = DEFAULT_RETRY_POLICY.maxRetries;
    await world.admin('PUT', 'faults', { next: faultsInAll, status: 429, retryAfterSeconds: 0.05 });
    const { mailKeys, write } = writeTickets('together');
    const tickets = await Promise.all(mailKeys.map(write));
    const faults = await failed();
    await world.admin('PUT', 'faults', { rate: 0 });

    expect(faults).toBe(faultsInAll);
    expect(new Set(tickets.map((t) => t.id)).size).toBe(8);
    for (const mailKey of mailKeys) expect(await world.ticketsWithKey(mailKey)).toBe(1);
  });

  it('when Graph throttles every request, then TransientError graph-throttled after the retries Retry-After asks for', async () => {
    await world.admin('PUT', 'faults', { rate: 1, status: 429, retryAfterSeconds: 0.05 });
    const started = Date.now();
    const { result: err, requests } = await world.counted(() =>
      world.ticketIdByKey(site, newKey()).catch((e: unknown) => e),
    );
    expect(err).toBeInstanceOf(TransientError);
    expect(err).toMatchObject({ code: 'graph-throttled' });
    expect(requests).toBe(5); // the first try and 4 retries
    // Honouring Retry-After waits 4 × 0.05 s (measured: about 0.3 s in all); the backoff used
    // without it would wait 1 + 2 + 4 + 8 s. 10 s tells the two apart on a busy machine.
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('when Retry-After is longer than one wait may be, then it gives up without waiting', async () => {
    await world.admin('PUT', 'faults', { rate: 1, status: 503, retryAfterSeconds: 60 });
    const started = Date.now();
    const { result: err, requests } = await world.counted(() =>
      world.ticketIdByKey(site, newKey()).catch((e: unknown) => e),
    );
    expect(err).toMatchObject({ code: 'graph-unavailable' });
    expect(requests).toBe(1);
    // Waiting would take 60 s; giving up takes one request (measured: under 50 ms).
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('when 503 comes with a short Retry-After, then it is retried like 429', async () => {
    await world.admin('PUT', 'faults', { next: 1, status: 503, retryAfterSeconds: 0.05 });
    const { result, requests } = await world.counted(() => world.ticketIdByKey(site, newKey()));
    expect(result).toBeUndefined();
    expect(await failed()).toBe(1);
    expect(requests).toBe(2);
  });
});
