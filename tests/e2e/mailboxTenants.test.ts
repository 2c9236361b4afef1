/**
 * Two tenants' mailboxes never cross: mail delivered to tenant A's mailbox becomes a ticket in A's
 * SharePoint only, and B cannot connect A's mailbox as its own.
 */
import { sharedHost } from './setup';
import { connect, deliver, exactlyTickets, tenantWithMailbox } from './mailboxSupport';
import { mail, readList } from './support';

const host = sharedHost();

it("when two tenants' mailboxes receive mail, then each mail becomes a ticket in its own tenant only", async () => {
  const [a, b] = await Promise.all([tenantWithMailbox(), tenantWithMailbox()]);
  await connect(host.url, a.tenant, a.support);
  await connect(host.url, b.tenant, b.support);

  await deliver(a.support, mail({ to: a.support, subject: 'For A' }));
  await deliver(b.support, mail({ to: b.support, subject: 'For B' }));
  const [ticketA] = await exactlyTickets(a.tenant, 1);
  const [ticketB] = await exactlyTickets(b.tenant, 1);
  expect(ticketA?.fields).toMatchObject({ Title: 'For A', Mailbox: a.support });
  expect(ticketB?.fields).toMatchObject({ Title: 'For B', Mailbox: b.support });
});

it("when a tenant tries to connect another tenant's mailbox, then it is refused and no mail crosses", async () => {
  const [a, b] = await Promise.all([tenantWithMailbox(), tenantWithMailbox()]);
  await connect(host.url, a.tenant, a.support);
  await expect(connect(host.url, b.tenant, a.support)).rejects.toThrow();

  await deliver(a.support, mail({ to: a.support, subject: 'Only for A' }));
  await exactlyTickets(a.tenant, 1);
  expect(await readList(b.tenant, 'Tickets')).toHaveLength(0);
});
