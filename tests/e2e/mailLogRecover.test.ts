/**
 * Make ticket (issue 14), on the local stack: an out-of-office reply that answers no ticket is
 * kept in the tenant's Mail Log; the agent sets its item to `Make ticket`; the outbox timer's run
 * stages the kept original again and the pipeline makes exactly one ticket of it, with no ack,
 * and marks the item `Done` with that ticket. Runs after that change nothing.
 */
import { processed } from './outcomes';
import { sharedOutboundHost } from './outboundSupport';
import { freshTenant } from './setup';
import { postMail, readList, ticketsWhen } from './support';
import {
  mailLogItemWhen,
  mailLogItems,
  makeTicket,
  outOfOffice,
  theMailLogItem,
} from './mailLogRecoverSupport';

const host = sharedOutboundHost();

it('when an agent sets a logged auto-reply to Make ticket, then the outbox run makes exactly one ticket of it and the item is Done with that ticket', async () => {
  const { tenant, support } = await freshTenant();
  const res = await postMail(host.url, outOfOffice(support), support);
  expect((await processed(tenant, String(res.body.id))).outcome).toBe('dropped-auto-reply');
  const logged = await theMailLogItem(tenant);
  expect(logged.fields).toMatchObject({ Reason: 'auto-reply' });
  expect(logged.fields.Action ?? null).toBeNull();
  expect(await readList(tenant, 'Tickets')).toEqual([]);

  await makeTicket(tenant, logged.id);
  await host.runOutbox();
  const [ticket] = await ticketsWhen(tenant, 1);
  const done = await mailLogItemWhen(tenant, logged.id, (f) => f.Action === 'Done');
  expect(String(done.TicketLookupId)).toBe(ticket?.id);
  expect(ticket?.fields).toMatchObject({ Title: 'Automatic reply: Printer broken' });
  // The agent chose the mail: its sender is not acknowledged.
  expect(ticket?.fields.MailStatus ?? null).toBeNull();

  await host.runOutbox();
  await host.runOutbox();
  expect(await readList(tenant, 'Tickets')).toHaveLength(1);
  expect(await mailLogItems(tenant)).toEqual([
    expect.objectContaining({ fields: expect.objectContaining({ Action: 'Done' }) }),
  ]);
}, 240_000);
