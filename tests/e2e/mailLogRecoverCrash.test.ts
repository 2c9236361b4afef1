/**
 * Make ticket exactly once (issue 14) when the host dies between writing the recovered mail's
 * ticket and marking its Mail Log item: the restarted host ends the item `Done` with that one
 * ticket, either from the queue (the killed host's message handed out again: the mail is found
 * written) or from its sweep (the item left `Making` is staged again: the ticket's MailKey makes
 * the second staging a duplicate). Which of the two it is depends on when the kill lands; the
 * outcome does not.
 *
 * The mark is kept from landing by the simulator's fault knob, not by timing: of the PATCHes on
 * the item, the first (the claim, `Making`) goes through and the second (the mark, `Done`) is
 * answered 503 with a Retry-After longer than the Graph client waits, so the first host gives up
 * marking and the item stays `Making` until the restarted host.
 */
import { faultsAnswered } from './faults';
import { startOutboundHost } from './outboundSupport';
import { freshTenant } from './setup';
import { eventually, postMail, readList, simAdmin, ticketsWhen } from './support';
import {
  mailLogItemPath,
  mailLogItemWhen,
  makeTicket,
  outOfOffice,
  theMailLogItem,
} from './mailLogRecoverSupport';

afterEach(async () => {
  await simAdmin('faults', { rate: 0 });
});

it('when the host is killed after the recovered ticket is written but before the item is marked, then after a restart there is one ticket and the item is Done with it', async () => {
  const { tenant, support } = await freshTenant();
  // A short lease: a killed host's queue message is handed out again within seconds.
  const env = { DEV_HOST_QUEUE_LEASE_SECONDS: '3' };
  const first = await startOutboundHost(env);
  await postMail(first.url, outOfOffice(support), support);
  const logged = await theMailLogItem(tenant);
  await makeTicket(tenant, logged.id);

  await simAdmin('faults', {
    every: 2,
    match: { method: 'PATCH', path: await mailLogItemPath(tenant, logged.id) },
    status: 503,
    retryAfterSeconds: 180,
  });
  await first.runOutbox();
  const [ticket] = await ticketsWhen(tenant, 1);
  await eventually(async () => ((await faultsAnswered()) >= 1 ? true : undefined));
  await first.kill();
  await simAdmin('faults', { rate: 0 });
  await mailLogItemWhen(tenant, logged.id, (f) => f.Action === 'Making', 1);

  // A claim older than 1 ms is stale for the restarted host: its run's sweep takes the item.
  const second = await startOutboundHost({ ...env, OUTBOX_STALE_SENDING_MS: '1' });
  await second.runOutbox();
  const done = await mailLogItemWhen(tenant, logged.id, (f) => f.Action === 'Done', 60_000);
  expect(String(done.TicketLookupId)).toBe(ticket?.id);
  await second.runOutbox();
  expect(await readList(tenant, 'Tickets')).toHaveLength(1);
  expect((await mailLogItemWhen(tenant, logged.id, () => true)).Action).toBe('Done');
  await second.stop();
}, 300_000);
