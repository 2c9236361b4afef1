/**
 * Failure on the local stack: the functions host dies while a mail is in flight, and SharePoint
 * throttles. Every mail still ends as exactly one ticket.
 */
import { startHost } from '../support/stack';
import { faultsAnswered, throttle } from './faults';
import { freshTenant } from './setup';
import { mail, postMail, readList, simAdmin, ticketsWhen } from './support';

afterEach(async () => {
  await simAdmin('faults', { rate: 0 });
});

describe('resilience', () => {
  it('when the host is killed while a mail is in flight, then after a restart there is exactly one ticket', async () => {
    const { tenant, support: address } = await freshTenant();
    // Every Graph call answers 503 with a 1 s Retry-After: the mail is held mid-pipeline.
    await simAdmin('faults', { rate: 1, status: 503, retryAfterSeconds: 1 });
    const host = await startHost({ DEV_HOST_QUEUE_LEASE_SECONDS: '3' });
    expect((await postMail(host.url, mail({ to: address }), address)).status).toBe(202);
    await new Promise((r) => setTimeout(r, 2000));
    await host.kill();
    await simAdmin('faults', { rate: 0 });

    const restarted = await startHost({ DEV_HOST_QUEUE_LEASE_SECONDS: '3' });
    const tickets = await ticketsWhen(tenant, 1, 60_000);
    await new Promise((r) => setTimeout(r, 4000)); // past another lease: no late duplicate
    expect(await readList(tenant, 'Tickets')).toHaveLength(1);
    expect(tickets[0]?.fields.Title).toBe('Printer broken');
    await restarted.stop();
  });

  it('when SharePoint throttles a third of the writes, then every mail still becomes exactly one ticket', async () => {
    const { tenant, support: address } = await freshTenant();
    const host = await startHost();
    // Bounded by construction (faults.ts): the host interleaves the mails, but no mail can meet
    // enough faults to be lost, so the outcome is the same whichever mails they land on.
    await throttle({ rate: 0.3, method: 'POST', retryAfterSeconds: 0.1 });
    const subjects = Array.from({ length: 12 }, (_, i) => `Throttled ${i}`);
    for (const subject of subjects) {
      expect((await postMail(host.url, mail({ to: address, subject }), address)).status).toBe(202);
    }
    const tickets = await ticketsWhen(tenant, subjects.length, 90_000);
    expect(await faultsAnswered()).toBeGreaterThan(0); // 12 ticket writes: every 3rd or 4th failed
    await simAdmin('faults', { rate: 0 });
    await new Promise((r) => setTimeout(r, 1500));
    const titles = (await readList(tenant, 'Tickets')).map((t) => String(t.fields.Title)).sort();
    expect(titles).toEqual([...subjects].sort());
    expect(tickets.length).toBe(subjects.length);
    await host.stop();
  });
});
