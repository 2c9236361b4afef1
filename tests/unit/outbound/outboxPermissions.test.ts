import { UPLOAD_MIN_BYTES } from '../../../lib/outbound/attachmentUpload';
import { graphError } from '../mailbox/fakes';
import { aComment, aTicketItem, outboxWorld, withTicket } from './outboxWorld';

const HELP = 'help%40contoso.com';

describe('runOutbox: a mailbox refused a permission', () => {
  it('holds only that mailbox: another support address still sends, and the refusal is logged once', async () => {
    const w = outboxWorld();
    withTicket(w.site); // ticket 7 came to help@, whose grant is missing
    w.site.add(aComment('50'));
    w.site.add(aComment('51'));
    w.site.add(aTicketItem('8', { mailbox: 'sales@contoso.com' }));
    w.exchange.answer = (r) => {
      if (r.path.includes(HELP)) throw graphError(403, 'ErrorAccessDenied');
      return undefined;
    };

    const run = await w.run();

    expect(run).toMatchObject({ sent: 1, waiting: 2, code: 'graph-access-denied' });
    expect(w.site.status('tickets', '8')).toBe('Sent');
    expect(w.site.status('comments', '50')).toBe('To send');
    expect(w.site.status('comments', '51')).toBe('To send');
    // Comment 51 was neither claimed nor tried: its mailbox was refused already.
    expect(w.site.calls).not.toContain('claim comments/51');
    expect(w.exchange.requests.filter((r) => r.path.includes(HELP))).toHaveLength(1);
    const lines = w.log.events.filter((e) => e.event === 'outbound.send');
    expect(lines).toEqual([
      expect.objectContaining({
        item: '50',
        outcome: 'no-permission',
        code: 'graph-access-denied',
        permission: 'Mail.Send',
      }),
      expect.objectContaining({ item: '8', outcome: 'sent' }),
    ]);
  });

  it('without drafts (Mail.ReadWrite) holds that mailbox large replies only, and names the permission', async () => {
    const w = outboxWorld();
    withTicket(w.site);
    // Large enough to go by upload session on a draft.
    const big = (id: string) => ({
      file: { id, name: `${id}.bin`, size: UPLOAD_MIN_BYTES },
      content: Buffer.alloc(UPLOAD_MIN_BYTES, 7),
    });
    w.site.files.set('7/60', [big('f60')]);
    w.site.files.set('7/61', [big('f61')]);
    w.site.add(aComment('60'));
    w.site.add(aComment('61'));
    w.site.add(aComment('62'));
    w.exchange.answer = (r) => {
      if (r.method === 'POST' && r.path.endsWith('/messages')) {
        throw graphError(403, 'ErrorAccessDenied');
      }
      return r.method === 'GET' ? { value: [] } : undefined;
    };

    const run = await w.run();

    expect(run).toMatchObject({ sent: 1, waiting: 2, code: 'graph-access-denied' });
    expect(w.site.status('comments', '62')).toBe('Sent');
    expect(w.site.status('comments', '60')).toBe('To send');
    expect(w.site.status('comments', '61')).toBe('To send');
    const drafts = w.exchange.requests.filter((r) => r.path.endsWith('/messages'));
    expect(drafts).toHaveLength(1);
    const lines = w.log.events.filter((e) => e.event === 'outbound.send');
    expect(lines).toEqual([
      expect.objectContaining({
        item: '60',
        outcome: 'no-permission',
        permission: 'Mail.ReadWrite',
      }),
      expect.objectContaining({ item: '62', outcome: 'sent' }),
    ]);
  });

  it('marks a stale item Failed when Sent Items may not be read, saying so: it may have gone out', async () => {
    const w = outboxWorld();
    withTicket(w.site);
    const modifiedAt = new Date(w.now.getTime() - 10 * 60_000);
    w.site.add(aComment('63', { status: 'Sending', messageId: '<left@contoso.com>', modifiedAt }));
    w.exchange.answer = (r) => {
      if (r.method === 'GET') throw graphError(403, 'ErrorAccessDenied');
      return undefined;
    };

    expect(await w.run({ sweep: true })).toMatchObject({ failed: 1, sent: 0, recovered: 0 });

    expect(await w.sent()).toEqual([]);
    expect(w.site.status('comments', '63')).toBe('Failed');
    expect(w.log.events).toContainEqual(
      expect.objectContaining({
        event: 'outbound.send',
        item: '63',
        outcome: 'failed',
        code: 'graph-access-denied',
        reason: 'sent-items-unreadable',
        permission: 'Mail.ReadBasic',
      }),
    );
  });
});
