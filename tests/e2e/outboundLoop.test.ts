/**
 * Two helpdesks writing to each other (issue 9): each support address writes to the other, each
 * service opens a ticket and acknowledges it once, the acks land in the other's mailbox, and
 * there it ends: an ack is an automatic reply, and a sender acknowledged within the hour gets no
 * second one. Both mailboxes are connected through the mailbox door, so the simulated Exchange
 * delivers each ack into the other's inbox as SMTP would.
 */
import { connect, deliver, exactlyTickets, mailboxWhen } from './mailboxSupport';
import { sentItems } from './outboundMail';
import { sharedOutboundHost, tenantThatSends } from './outboundSupport';
import { mail } from './support';

const host = sharedOutboundHost();

/** Every received message of the mailbox settled (out of the inbox), `count` of them. */
const settled = (count: number) => (messages: { folder: string }[]) => {
  const received = messages.filter((m) => m.folder !== 'Sent Items');
  return received.length === count && received.every((m) => m.folder !== 'Inbox');
};

it('when two helpdesks write to each other, then each acknowledges once and the exchange stops there', async () => {
  const [a, b] = await Promise.all([tenantThatSends(), tenantThatSends()]);
  await connect(host.url, a.tenant, a.support);
  await connect(host.url, b.tenant, b.support);

  await deliver(
    a.support,
    mail({ from: `Helpdesk B <${b.support}>`, to: a.support, subject: 'From B' }),
  );
  await deliver(
    b.support,
    mail({ from: `Helpdesk A <${a.support}>`, to: b.support, subject: 'From A' }),
  );
  await Promise.all([exactlyTickets(a.tenant, 1), exactlyTickets(b.tenant, 1)]);

  // Each acknowledges the other's mail; each ack arrives in the other's inbox and is settled.
  await host.runOutbox();
  await mailboxWhen(a.support, settled(2), 90_000);
  await mailboxWhen(b.support, settled(2), 90_000);
  // Whatever the acks became on the other side, they ask for no answer.
  await host.runOutbox();
  await host.runOutbox();

  for (const side of [a, b]) {
    const sent = await sentItems(side.support);
    expect(sent.map((m) => m.subject)).toEqual([expect.stringMatching(/^\[#\d+\] From [AB]$/)]);
    expect(await exactlyTickets(side.tenant, 1)).toHaveLength(1);
  }
  // Nothing waits in either inbox: no third mail went round.
  expect((await mailboxWhen(a.support, settled(2))).length).toBe(3);
  expect((await mailboxWhen(b.support, settled(2))).length).toBe(3);
}, 300_000);
