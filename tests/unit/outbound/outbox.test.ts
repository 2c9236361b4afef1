import { messageIdKey } from '../../../lib/mail/mailKey';
import { ackMessageId } from '../../../lib/outbound/messageIds';
import { TENANT } from '../mailbox/fakes';
import { aComment, aTicketItem, outboxWorld, withTicket } from './outboxWorld';

describe('runOutbox: acks', () => {
  it('sends a ticket its ack, threaded and automatic, under the id derived from the ticket, and marks it Sent', async () => {
    const w = outboxWorld();
    withTicket(w.site);
    w.site.add(aTicketItem('7'));

    expect(await w.run()).toEqual({ sent: 1, failed: 0, notSent: 0, recovered: 0, waiting: 0 });

    const [mail] = await w.sent();
    expect(mail).toMatchObject({
      messageId: ackMessageId('7', '<q1@customer.example>', 'help@contoso.com'),
      from: { address: 'help@contoso.com' },
      to: [{ address: 'ada@customer.example', name: 'Ada' }],
      subject: '[#7] Printer on fire',
      inReplyTo: '<q1@customer.example>',
      references: ['<q1@customer.example>'],
    });
    expect(mail?.headers.get('auto-submitted')).toEqual(['auto-replied']);
    expect(mail?.text).toContain('Hello Ada');
    // The ticket keeps the Message-ID and MailKey of the mail it came from.
    expect(w.site.stored('tickets', '7')).toMatchObject({
      item: { status: 'Sent', messageId: '<q1@customer.example>' },
      mark: { sentAt: w.now },
    });
    expect(w.site.stored('tickets', '7')?.mark).not.toHaveProperty('mailKey');
  });

  it('sends from the first support address when the ticket has no mailbox (a portal ticket)', async () => {
    const w = outboxWorld();
    withTicket(w.site);
    w.site.add(aTicketItem('7', { mailbox: undefined }));
    await w.run();
    expect((await w.sent())[0]?.from?.address).toBe(TENANT.supportAddresses[0]);
  });

  it('sends nothing to a requester who is the support address itself', async () => {
    const w = outboxWorld();
    withTicket(w.site);
    w.site.contacts.set('1', { id: '1', email: 'Support@Contoso.com', name: 'Us' });
    w.site.add(aTicketItem('7'));
    expect(await w.run()).toMatchObject({ sent: 0, failed: 1 });
    expect(await w.sent()).toEqual([]);
  });

  it('marks a ticket without a requester Failed with no-recipient, and sends nothing', async () => {
    const w = outboxWorld();
    withTicket(w.site);
    w.site.add(aTicketItem('7', { requesterId: undefined }));
    expect(await w.run()).toMatchObject({ sent: 0, failed: 1 });
    expect(w.site.status('tickets', '7')).toBe('Failed');
    expect(await w.sent()).toEqual([]);
    expect(w.log.events).toContainEqual(
      expect.objectContaining({ event: 'outbound.send', outcome: 'failed', code: 'no-recipient' }),
    );
  });
});

describe('runOutbox: agents replies', () => {
  it('sends a comment to the requester and the Cc, threaded under the ticket, and marks it Sent with its MailKey', async () => {
    const w = outboxWorld();
    withTicket(w.site, { ccIds: ['2', '1', '3', '4', '5'] });
    w.site.contacts.set('3', { id: '3', email: 'BOB@customer.example', name: 'Bob again' });
    w.site.contacts.set('4', { id: '4', email: 'Support@Contoso.com', name: 'Us' });
    w.site.add(aComment('30'));

    expect(await w.run()).toMatchObject({ sent: 1, failed: 0 });

    const [mail] = await w.sent();
    expect(mail).toMatchObject({
      from: { address: 'help@contoso.com' },
      to: [{ address: 'ada@customer.example', name: 'Ada' }],
      cc: [{ address: 'bob@customer.example', name: 'Bob' }],
      subject: 'Re: [#7] Printer on fire',
      inReplyTo: '<q1@customer.example>',
      references: ['<q1@customer.example>'],
    });
    expect(mail?.html).toContain('<b>toner</b>');
    expect(mail?.headers.has('auto-submitted')).toBe(false);
    const stored = w.site.stored('comments', '30');
    expect(stored?.item).toMatchObject({ status: 'Sent', messageId: mail?.messageId });
    expect(stored?.mark).toEqual({
      sentAt: w.now,
      messageId: mail?.messageId,
      mailKey: messageIdKey(mail?.messageId),
    });
    expect(mail?.messageId).toMatch(/^<[0-9a-f-]{36}@contoso\.com>$/);
  });

  it('marks an internal comment Not sent and sends nothing', async () => {
    const w = outboxWorld();
    withTicket(w.site);
    w.site.add(aComment('31', { internal: true }));
    expect(await w.run()).toMatchObject({ sent: 0, notSent: 1 });
    expect(w.site.status('comments', '31')).toBe('Not sent');
    expect(await w.sent()).toEqual([]);
  });

  it('marks a comment detached from its ticket Failed with no-recipient', async () => {
    const w = outboxWorld();
    withTicket(w.site);
    w.site.add(aComment('32', { ticketId: undefined }));
    expect(await w.run()).toMatchObject({ failed: 1 });
    expect(w.site.status('comments', '32')).toBe('Failed');
  });

  it('attaches the files of the comment folder but its original.eml, and links those past the total', async () => {
    const w = outboxWorld({ attachBytes: 100 });
    withTicket(w.site);
    w.site.files.set('7/33', [
      {
        file: { id: 'f1', name: 'big.log', size: 96, webUrl: 'https://x/big.log' },
        content: Buffer.alloc(96, 1),
      },
      { file: { id: 'f2', name: 'a.txt', size: 5 }, content: Buffer.from('aaaaa') },
      { file: { id: 'f3', name: 'original.eml', size: 5 }, content: Buffer.from('x') },
    ]);
    w.site.add(aComment('33'));
    await w.run();
    const [mail] = await w.sent();
    expect(mail?.attachments.map((a) => a.filename)).toEqual(['a.txt']);
    expect(mail?.html).toContain('<a href="https://x/big.log">big.log</a>');
  });

  it('skips an item another sender claimed first, and sends nothing for it', async () => {
    const w = outboxWorld();
    withTicket(w.site);
    w.site.add(aComment('34'));
    w.site.onClaim = (item) => w.site.touch(item.list, item.id);
    expect(await w.run()).toEqual({ sent: 0, failed: 0, notSent: 0, recovered: 0, waiting: 0 });
    expect(await w.sent()).toEqual([]);
    expect(w.site.status('comments', '34')).toBe('To send');
  });

  it('reads the site twice when idle and nothing else, not even its templates', async () => {
    const w = outboxWorld();
    await w.run();
    expect(w.site.calls).toEqual(['find comments To send', 'find tickets To send']);
    expect(w.exchange.requests).toEqual([]);
  });
});
