/**
 * Mail through the customer's own mailbox (issue 8): delivered into the simulated Exchange
 * mailbox, it becomes a ticket as a relayed mail does, and the message is marked where an agent
 * in Outlook sees it: moved to Helpdesk/Processed, or to Helpdesk/Not a ticket with the reason.
 */
import { sharedHost } from './setup';
import { connect, deliver, exactlyTickets, mailboxWhen, tenantWithMailbox } from './mailboxSupport';
import { mail } from './support';

const host = sharedHost();

describe('the mailbox door', () => {
  it('when a mail is delivered to a connected mailbox, then it becomes one ticket and the message moves to Helpdesk/Processed', async () => {
    const { tenant, support } = await tenantWithMailbox();
    await connect(host.url, tenant, support);
    const id = await deliver(support, mail({ to: support, subject: 'Through the mailbox' }));

    const [ticket] = await exactlyTickets(tenant, 1);
    expect(ticket?.fields).toMatchObject({ Title: 'Through the mailbox', Mailbox: support });
    const messages = await mailboxWhen(support, (all) =>
      all.some((m) => m.id === id && m.folder !== 'Inbox'),
    );
    expect(messages).toEqual([expect.objectContaining({ id, folder: 'Helpdesk/Processed' })]);
  });

  it('when a loop and an auto-reply arrive, then neither is a ticket and both land in Helpdesk/Not a ticket with their reason', async () => {
    const { tenant, support } = await tenantWithMailbox();
    await connect(host.url, tenant, support);
    const loop = await deliver(support, mail({ from: support, to: support, subject: 'Loop' }));
    const autoReply = await deliver(
      support,
      mail({ to: support, subject: 'Out of office', headers: ['Auto-Submitted: auto-replied'] }),
    );

    const messages = await mailboxWhen(support, (all) =>
      all.every((m) => m.folder === 'Helpdesk/Not a ticket'),
    );
    expect(messages).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id: loop, categories: ['Helpdesk: loop'] }),
        expect.objectContaining({ id: autoReply, categories: ['Helpdesk: auto-reply'] }),
      ]),
    );
    await exactlyTickets(tenant, 0);
  });
});
