import { ackMessageId } from '../../../lib/outbound/messageIds';
import { graphError } from '../mailbox/fakes';
import { aComment, aTicketItem, outboxWorld, withTicket } from './outboxWorld';

const minutesAgo = (now: Date, minutes: number): Date => new Date(now.getTime() - minutes * 60_000);
const LEFT = '<left@contoso.com>';

describe('runOutbox: items left Sending', () => {
  it('marks a stale item found in Sent Items Sent without sending it again', async () => {
    const w = outboxWorld();
    withTicket(w.site);
    w.site.add(
      aComment('40', { status: 'Sending', messageId: LEFT, modifiedAt: minutesAgo(w.now, 6) }),
    );
    w.exchange.answer = (r) =>
      r.method === 'GET' ? { value: [{ id: 'm1', internetMessageId: LEFT }] } : undefined;

    expect(await w.run({ sweep: true })).toMatchObject({ sent: 0, recovered: 1 });
    expect(await w.sent()).toEqual([]);
    expect(w.site.stored('comments', '40')).toMatchObject({
      item: { status: 'Sent' },
      mark: { messageId: LEFT },
    });
  });

  it('sends a stale item not in Sent Items under the Message-ID it was claimed with', async () => {
    const w = outboxWorld();
    withTicket(w.site);
    w.site.add(
      aComment('41', { status: 'Sending', messageId: LEFT, modifiedAt: minutesAgo(w.now, 6) }),
    );
    w.site.add(aTicketItem('7', { status: 'Sending', modifiedAt: minutesAgo(w.now, 60) }));

    expect(await w.run({ sweep: true })).toMatchObject({ recovered: 2 });
    const ids = (await w.sent()).map((m) => m.messageId).sort();
    expect(ids).toEqual(
      [ackMessageId('7', '<q1@customer.example>', 'help@contoso.com'), LEFT].sort(),
    );
  });

  it('leaves an item a live sender is sending, and looks for none without the sweep', async () => {
    const w = outboxWorld();
    withTicket(w.site);
    w.site.add(
      aComment('42', { status: 'Sending', messageId: LEFT, modifiedAt: minutesAgo(w.now, 1) }),
    );
    await w.run({ sweep: true });
    expect(w.site.status('comments', '42')).toBe('Sending');
    expect(w.site.calls).toEqual([
      'find comments Sending',
      'find tickets Sending',
      'find comments To send',
      'find tickets To send',
    ]);
    w.site.calls.length = 0;
    await w.run({ sweep: false });
    expect(w.site.calls).toEqual(['find comments To send', 'find tickets To send']);
  });
});

describe('runOutbox: refusals', () => {
  it('without Mail.Send gives the item back, logs the code once and tries nothing else', async () => {
    const w = outboxWorld();
    withTicket(w.site);
    w.site.add(aComment('50'));
    w.site.add(aComment('51'));
    w.exchange.answer = () => {
      throw graphError(403, 'ErrorAccessDenied');
    };

    const run = await w.run();

    expect(run).toMatchObject({ sent: 0, failed: 0, waiting: 2, code: 'graph-access-denied' });
    expect(w.site.status('comments', '50')).toBe('To send');
    expect(w.site.status('comments', '51')).toBe('To send');
    expect(w.exchange.requests).toHaveLength(1);
    const lines = w.log.events.filter((e) => e.event === 'outbound.send');
    expect(lines).toEqual([
      expect.objectContaining({
        outcome: 'no-permission',
        code: 'graph-access-denied',
        item: '50',
      }),
    ]);
    expect(JSON.stringify(w.log.events)).not.toMatch(/customer\.example|Printer|toner/);
  });

  it('marks an item Exchange refuses for good Failed with the code', async () => {
    const w = outboxWorld();
    withTicket(w.site);
    w.site.add(aComment('52'));
    w.exchange.answer = () => {
      throw graphError(400, 'ErrorInvalidRecipients');
    };
    expect(await w.run()).toMatchObject({ failed: 1 });
    expect(w.site.status('comments', '52')).toBe('Failed');
    expect(w.log.events).toContainEqual(
      expect.objectContaining({ outcome: 'failed', code: 'graph-http-400' }),
    );
  });

  it('leaves an item Sending when sending fails for now, for the sweep to resolve', async () => {
    const w = outboxWorld();
    withTicket(w.site);
    w.site.add(aComment('53'));
    w.exchange.answer = () => {
      throw graphError(503, 'ServiceUnavailable');
    };
    expect(await w.run()).toMatchObject({ waiting: 1 });
    expect(w.site.stored('comments', '53')?.item).toMatchObject({
      status: 'Sending',
      messageId: expect.stringMatching(/@contoso\.com>$/),
    });
  });

  it('leaves an item To send when its ticket cannot be read for now', async () => {
    const w = outboxWorld();
    withTicket(w.site);
    w.site.add(aComment('54'));
    w.site.readTicketMail = () => Promise.reject(graphError(503, 'ServiceUnavailable'));
    expect(await w.run()).toMatchObject({ waiting: 1 });
    expect(w.site.status('comments', '54')).toBe('To send');
  });
});
