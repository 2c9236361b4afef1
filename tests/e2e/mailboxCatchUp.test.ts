/**
 * Nothing is missed when Graph's change notifications are lost, late or sent twice: the
 * mailbox's delta catch-up finds what no notification announced, and a mail announced twice is
 * still written once (its MailKey).
 */
import { sharedHost } from './setup';
import {
  connect,
  deliver,
  exactlyTickets,
  lifecycle,
  mailboxWhen,
  notificationKnobs,
  subscriptionsOf,
  tenantWithMailbox,
} from './mailboxSupport';
import { mail, readList } from './support';

const host = sharedHost();

afterEach(() => notificationKnobs({}));

const subjects = (prefix: string, n: number): string[] =>
  Array.from({ length: n }, (_, i) => `${prefix} ${i}`);

describe('catch-up', () => {
  it('when every notification is dropped, then after a missed event every mail is exactly one ticket', async () => {
    const { tenant, support } = await tenantWithMailbox();
    await connect(host.url, tenant, support);
    await notificationKnobs({ drop: 1, seed: 1 });
    const sent = subjects('Unannounced', 5);
    for (const subject of sent) await deliver(support, mail({ to: support, subject }));
    await new Promise((r) => setTimeout(r, 2000));
    expect(await readList(tenant, 'Tickets')).toHaveLength(0); // nothing announced them

    const [subscription] = await subscriptionsOf(tenant);
    await lifecycle(subscription ?? '', 'missed');
    const tickets = await exactlyTickets(tenant, sent.length);
    expect(tickets.map((t) => t.fields.Title).sort()).toEqual([...sent].sort());
    await mailboxWhen(support, (all) => all.every((m) => m.folder === 'Helpdesk/Processed'));
  });

  it('when notifications come twice and late, then each mail is still exactly one ticket', async () => {
    const { tenant, support } = await tenantWithMailbox();
    await connect(host.url, tenant, support);
    await notificationKnobs({ duplicate: 1, delayMs: 1500, seed: 7 });
    const sent = subjects('Announced twice', 5);
    for (const subject of sent) await deliver(support, mail({ to: support, subject }));

    const tickets = await exactlyTickets(tenant, sent.length);
    expect(tickets.map((t) => t.fields.Title).sort()).toEqual([...sent].sort());
    await mailboxWhen(support, (all) => all.every((m) => m.folder === 'Helpdesk/Processed'));
  });
});
