/**
 * Make ticket exactly once (issue 14) when the host is killed in between, at the two places a
 * recovery can stop:
 * - after the recovered mail's ticket is written, while the item's mark (`Done`) is on its way:
 *   the restarted host's stale time is long, so only the queue can finish it (the killed host's
 *   message is handed out again, the mail is found written, the item is marked);
 * - after the claim (`Making`), while the original is being read, before anything is staged:
 *   there is no queue message, so only the restarted host's sweep (a short stale time) can.
 *
 * Where the host dies is fixed by the simulator's fault knob, not by timing: the chosen request is
 * held open, unanswered (`hold`), and the host is killed while the simulator holds it; the item
 * still `Making` afterwards shows the request never landed.
 */
import { faultsAnswered } from './faults';
import {
  mailLogItemPath,
  mailLogItemWhen,
  makeTicket,
  outOfOffice,
  theMailLogItem,
} from './mailLogRecoverSupport';
import { type OutboundHost, startOutboundHost } from './outboundSupport';
import { freshTenant } from './setup';
import { type TestTenant, eventually, postMail, readList, simAdmin, ticketsWhen } from './support';

// A short lease: a killed host's queue message is handed out again within seconds.
const ENV = { DEV_HOST_QUEUE_LEASE_SECONDS: '3' };

afterEach(async () => {
  await simAdmin('faults', { rate: 0 });
});

/** A tenant with one Mail Log item an agent set to `Make ticket`, and a host to recover it. */
async function anItemToRecover(): Promise<{ tenant: TestTenant; id: string; first: OutboundHost }> {
  const { tenant, support } = await freshTenant();
  const first = await startOutboundHost(ENV);
  await postMail(first.url, outOfOffice(support), support);
  const { id } = await theMailLogItem(tenant);
  await makeTicket(tenant, id);
  return { tenant, id, first };
}

/** Kills the host once the simulator holds the faulted request; then lets the request go. */
async function killWhileHeld(host: OutboundHost): Promise<void> {
  await eventually(async () => ((await faultsAnswered()) >= 1 ? true : undefined));
  await host.kill();
  await simAdmin('faults', { rate: 0 });
}

it('when the host is killed while the recovered ticket is written and its mark pending, then the queue finishes it after a restart: one ticket, the item Done with it', async () => {
  const { tenant, id, first } = await anItemToRecover();
  // Of the PATCHes on the item, the first (the claim, `Making`) goes through; the second (the
  // mark, `Done`) is held open.
  await simAdmin('faults', {
    every: 2,
    limit: 1,
    match: { method: 'PATCH', path: await mailLogItemPath(tenant, id) },
    status: 503,
    retryAfterSeconds: 1,
    hold: true,
  });
  await first.runOutbox();
  const [ticket] = await ticketsWhen(tenant, 1);
  await killWhileHeld(first);
  expect((await mailLogItemWhen(tenant, id, () => true)).Action).toBe('Making');

  // An hour's stale time: the restarted host's sweep leaves the item alone; only the queue acts.
  const second = await startOutboundHost({ ...ENV, OUTBOX_STALE_SENDING_MS: '3600000' });
  const done = await mailLogItemWhen(tenant, id, (f) => f.Action === 'Done', 60_000);
  expect(String(done.TicketLookupId)).toBe(ticket?.id);
  await second.runOutbox();
  expect(await readList(tenant, 'Tickets')).toHaveLength(1);
  expect((await mailLogItemWhen(tenant, id, () => true)).Action).toBe('Done');
  await second.stop();
}, 300_000);

it('when the host is killed after the claim but before the original is staged, then the sweep of the restarted host stages it: one ticket, the item Done with it', async () => {
  const { tenant, id, first } = await anItemToRecover();
  // The first read of a file (the kept original's download) is held open.
  await simAdmin('faults', {
    next: 1,
    match: { method: 'GET', path: '/drives/' },
    status: 503,
    retryAfterSeconds: 1,
    hold: true,
  });
  await first.startOutbox(); // its run cannot end: the download is held
  await killWhileHeld(first);
  expect((await mailLogItemWhen(tenant, id, () => true)).Action).toBe('Making');
  expect(await readList(tenant, 'Tickets')).toHaveLength(0);

  // A claim older than 1 ms is stale for the restarted host: its run's sweep stages the item.
  const second = await startOutboundHost({ ...ENV, OUTBOX_STALE_SENDING_MS: '1' });
  await second.runOutbox();
  const [ticket] = await ticketsWhen(tenant, 1);
  const done = await mailLogItemWhen(tenant, id, (f) => f.Action === 'Done', 60_000);
  expect(String(done.TicketLookupId)).toBe(ticket?.id);
  await second.runOutbox();
  expect(await readList(tenant, 'Tickets')).toHaveLength(1);
  await second.stop();
}, 300_000);
