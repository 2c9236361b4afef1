/**
 * The function app down while mail arrives: Graph's notifications find no one, and after the
 * restart the sync timer's catch-up brings every message in, each as exactly one ticket.
 */
import { startHost } from '../support/stack';
import {
  connect,
  deliver,
  exactlyTickets,
  mailboxWhen,
  runSyncTimer,
  tenantWithMailbox,
} from './mailboxSupport';
import { mail } from './support';

const MAILS = 50;

it('when the host is down while 50 mails arrive, then after restart and catch-up there are 50 tickets and no duplicate', async () => {
  const { tenant, support } = await tenantWithMailbox();
  const host = await startHost();
  await connect(host.url, tenant, support);
  await host.kill();

  const sent = Array.from({ length: MAILS }, (_, i) => `While down ${i}`);
  // Fifty requesters, as a morning's mail would be (one sender's fifty would meet the burst limit).
  for (const [i, subject] of sent.entries()) {
    await deliver(support, mail({ from: `requester${i}@example.com`, to: support, subject }));
  }

  const restarted = await startHost();
  await runSyncTimer(restarted.url);
  const tickets = await exactlyTickets(tenant, MAILS, 180_000);
  expect(tickets.map((t) => t.fields.Title).sort()).toEqual([...sent].sort());
  await mailboxWhen(support, (all) => all.every((m) => m.folder === 'Helpdesk/Processed'), 60_000);
  await restarted.stop();
}, 300_000);
