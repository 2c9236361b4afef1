import { messageIdKey } from '../../../lib/mail/mailKey';
import { aComment, aTicketItem, outboxWorld, withTicket } from './outboxWorld';

const secondsAgo = (now: Date, s: number): Date => new Date(now.getTime() - s * 1000);

describe('runOutbox: a comment from mail found To send', () => {
  it('marks it Received, keeping its MailKey, and sends nothing back to its sender', async () => {
    const w = outboxWorld();
    withTicket(w.site);
    // Written by a host whose cached site ids predate the outbox: SharePoint's default status.
    w.site.add(aComment('70', { mailKey: messageIdKey('<q2@customer.example>') }));

    expect(await w.run()).toMatchObject({ sent: 0, notSent: 1 });

    expect(await w.sent()).toEqual([]);
    expect(w.site.stored('comments', '70')).toEqual({
      item: expect.objectContaining({ status: 'Received' }),
    });
    expect(w.log.events).toContainEqual(
      expect.objectContaining({ event: 'outbound.send', item: '70', outcome: 'received' }),
    );
  });

  it('sends again an agent comment sent before (it has a MailKey and SentAt) that an agent set To send', async () => {
    const w = outboxWorld();
    withTicket(w.site);
    const sentAt = secondsAgo(w.now, 3600);
    w.site.add(aComment('71', { mailKey: messageIdKey('<r1@contoso.com>'), sentAt }));

    expect(await w.run()).toMatchObject({ sent: 1 });
    expect(w.site.status('comments', '71')).toBe('Sent');
  });
});

describe('runOutbox: settling comments', () => {
  it('leaves a comment changed within settleMs for a later run, and sends it once settled', async () => {
    const w = outboxWorld({ settleMs: 10_000 });
    withTicket(w.site);
    w.site.add(aComment('72', { modifiedAt: secondsAgo(w.now, 4) }));
    w.site.add(aComment('73', { modifiedAt: secondsAgo(w.now, 11) }));

    expect(await w.run()).toMatchObject({ sent: 1, waiting: 1 });

    expect(w.site.status('comments', '72')).toBe('To send');
    expect(w.site.status('comments', '73')).toBe('Sent');
    expect(w.site.calls).not.toContain('claim comments/72');
  });

  it('does not delay an ack, nor any comment with settleMs 0', async () => {
    const w = outboxWorld({ settleMs: 0 });
    withTicket(w.site);
    w.site.add(aComment('74', { modifiedAt: w.now }));
    w.site.add(aTicketItem('7', { modifiedAt: w.now }));
    expect(await w.run()).toMatchObject({ sent: 2, waiting: 0 });

    const acks = outboxWorld({ settleMs: 10_000 });
    withTicket(acks.site);
    acks.site.add(aTicketItem('7', { modifiedAt: acks.now }));
    expect(await acks.run()).toMatchObject({ sent: 1, waiting: 0 });
  });
});
