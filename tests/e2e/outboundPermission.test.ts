/**
 * A support mailbox the app may not send from (issue 9): the Exchange administrator has not yet
 * granted Mail.Send. Nothing is sent and nothing is lost: the ack and the agent's reply stay
 * `To send`, the run logs `graph-access-denied` (no address), and once the permission is granted
 * the next run sends both.
 */
import { tenantLog } from './outcomes';
import { mailTo } from './outboundMail';
import {
  agentComment,
  itemFields,
  setSendGrant,
  sharedOutboundHost,
  tenantThatSends,
} from './outboundSupport';
import { eventually, mail, postMail, ticketsWhen } from './support';

const host = sharedOutboundHost();

it('when the mailbox lacks Mail.Send, then the comment stays To send and the run logs graph-access-denied; once granted, it goes out', async () => {
  const { tenant, support } = await tenantThatSends(false);
  const requester = `anna-${tenant.alias}@example.com`;
  await postMail(host.url, mail({ from: requester, to: support }), support);
  const [ticket] = await ticketsWhen(tenant, 1);
  const ticketId = ticket?.id ?? '';
  const commentId = await agentComment(tenant, ticketId, { body: '<p>On our way.</p>' });

  await host.runOutbox();
  await host.runOutbox();
  expect((await itemFields(tenant, 'Comments', commentId)).MailStatus).toBe('To send');
  expect((await itemFields(tenant, 'Tickets', ticketId)).MailStatus).toBe('To send');
  expect(await mailTo(requester)).toEqual([]);
  const events = await eventually(async () => {
    const all = await tenantLog(tenant);
    return all.some((e) => e.event === 'outbound.send' && e.code === 'graph-access-denied')
      ? all
      : undefined;
  });
  expect(events).toContainEqual(
    expect.objectContaining({ event: 'outbound.send', outcome: 'no-permission' }),
  );
  const logged = JSON.stringify(events);
  expect(logged).not.toContain(requester);
  expect(logged).not.toContain(support);

  await setSendGrant(tenant, true);
  await host.runOutbox();
  expect((await itemFields(tenant, 'Comments', commentId)).MailStatus).toBe('Sent');
  expect((await itemFields(tenant, 'Tickets', ticketId)).MailStatus).toBe('Sent');
  const subjects = (await mailTo(requester)).map((m) => m.mail.subject).sort();
  expect(subjects).toEqual([`Re: [#${ticketId}] Printer broken`, `[#${ticketId}] Printer broken`]);
}, 300_000);
