/**
 * Exactly once out (issue 9): the host dies after Exchange took an agent's reply but before the
 * comment was marked `Sent`. The comment is left `Sending`; the restarted host's sweep finds the
 * reply in Sent Items by the Message-ID stored with the claim, marks the comment `Sent` and does
 * not send it again.
 *
 * Where the host dies is fixed by the simulator's fault knob, not by timing: of the PATCHes on the
 * tenant's site, the first (the claim) goes through and the second (the mark) is answered 503 with
 * a Retry-After far longer than the test, so the host is waiting to mark when it is killed.
 */
import { simAdmin } from './support';
import { mailTo } from './outboundMail';
import {
  agentComment,
  itemFields,
  siteOf,
  startOutboundHost,
  tenantThatSends,
} from './outboundSupport';
import { eventually, mail, postMail, ticketsWhen } from './support';

afterEach(async () => {
  await simAdmin('faults', { rate: 0 });
});

it('when the host is killed between sending a reply and marking it, then after a restart the reply is not sent again and the comment is Sent', async () => {
  const { tenant, support } = await tenantThatSends();
  const requester = `anna-${tenant.alias}@example.com`;
  const first = await startOutboundHost();
  await postMail(first.url, mail({ from: requester, to: support }), support);
  const [ticket] = await ticketsWhen(tenant, 1);
  await first.runOutbox(); // the ack first: from here on, only the comment is written to
  expect(await mailTo(requester)).toHaveLength(1);

  const commentId = await agentComment(tenant, ticket?.id ?? '', { body: '<p>Fixed.</p>' });
  const { siteId } = await siteOf(tenant);
  await simAdmin('faults', {
    every: 2,
    match: { method: 'PATCH', path: `/sites/${siteId}/` },
    status: 503,
    retryAfterSeconds: 180,
  });
  await first.startOutbox();
  await eventually(async () => ((await mailTo(requester)).length === 2 ? true : undefined));
  await first.kill();
  await simAdmin('faults', { rate: 0 });
  expect((await itemFields(tenant, 'Comments', commentId)).MailStatus).toBe('Sending');

  // A claim older than 1 ms is stale for the restarted host: its first run's sweep resolves it.
  const second = await startOutboundHost({ OUTBOX_STALE_SENDING_MS: '1' });
  await second.runOutbox();
  await second.runOutbox();
  const replies = (await mailTo(requester)).filter((m) => m.mail.subject?.startsWith('Re:'));
  expect(replies).toHaveLength(1);
  expect(await itemFields(tenant, 'Comments', commentId)).toMatchObject({
    MailStatus: 'Sent',
    SentAt: expect.any(String),
    MessageId: replies[0]?.internetMessageId,
  });
  await second.stop();
}, 300_000);
