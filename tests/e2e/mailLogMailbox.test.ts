/**
 * The mailbox door and the Mail Log (issue 14): a mail dropped from a connected mailbox is moved
 * to Helpdesk/Not a ticket as before, and its Mail Log item is written too, with the original as
 * the mailbox gave it.
 */
import { theMailLogItem } from './mailLogRecoverSupport';
import { originalOf } from './mailLogSupport';
import { connect, deliver, exactlyTickets, mailboxWhen, tenantWithMailbox } from './mailboxSupport';
import { sharedHost } from './setup';
import { mail } from './support';

const host = sharedHost();

it('when an auto-reply reaches a connected mailbox, then it lands in Helpdesk/Not a ticket and in the Mail Log', async () => {
  const { tenant, support } = await tenantWithMailbox();
  await connect(host.url, tenant, support);
  const raw = mail({
    to: support,
    subject: 'Out of office',
    headers: ['Auto-Submitted: auto-replied'],
  });
  const id = await deliver(support, raw);

  const messages = await mailboxWhen(support, (all) =>
    all.some((m) => m.id === id && m.folder !== 'Inbox'),
  );
  expect(messages).toEqual([
    expect.objectContaining({
      id,
      folder: 'Helpdesk/Not a ticket',
      categories: ['Helpdesk: auto-reply'],
    }),
  ]);
  const item = await theMailLogItem(tenant);
  expect(item.fields).toMatchObject({ Outcome: 'dropped-auto-reply', Reason: 'auto-reply' });
  expect((await originalOf(tenant, item)).toString()).toContain('Subject: Out of office');
  await exactlyTickets(tenant, 0);
});
