import type { Classification } from '../../../lib/mail/classify';
import { parseMail } from '../../../lib/mail/parse';
import { MemoryLog } from '../../../lib/log';
import { noticeMessageId } from '../../../lib/outbound/messageIds';
import { type RefusedMail, outboundNotices } from '../../../lib/outbound/notice';
import type { OutboxSite } from '../../../lib/sharepoint/helpdesk';
import { FakeExchange, TENANT, graphError } from '../mailbox/fakes';
import { MemorySenderAcks } from './fakes';
import { FakeOutboxSite } from './outboxFakes';

const normal: Classification = { kind: 'normal', reason: 'none' };

function refused(from = 'ada@customer.example', extra: Partial<RefusedMail> = {}): RefusedMail {
  return {
    tenant: TENANT,
    mailbox: 'support@contoso.com',
    key: 'AAMkAG1=',
    mail: {
      from: { address: from, name: 'Ada' },
      headers: new Map(),
      subject: 'Huge scan',
      messageId: '<big@customer.example>',
    },
    classification: normal,
    ...extra,
  };
}

function world(site: () => Promise<OutboxSite> = async () => new FakeOutboxSite()) {
  const exchange = new FakeExchange((r) => (r.method === 'GET' ? { value: [] } : undefined));
  const log = new MemoryLog();
  const notices = outboundNotices({
    helpdesks: { openOutbox: site },
    exchange: { forTenant: () => exchange },
    acks: new MemorySenderAcks(),
    log,
    now: () => new Date('2026-12-02T10:00:00Z'),
  });
  const sent = () =>
    Promise.all(
      exchange.requests
        .filter((r) => r.path.endsWith('/sendMail'))
        .map((r) => parseMail(Buffer.from(String(r.body), 'base64'))),
    );
  return { exchange, log, notices, sent };
}

describe('outboundNotices', () => {
  it('sends a size notice once, automatic, threaded under the refused mail, under its derived id', async () => {
    const w = world();
    expect(await w.notices.send('notice-size', refused(), { limit: '25 MB' })).toBe('sent');
    const [mail] = await w.sent();
    expect(mail).toMatchObject({
      messageId: noticeMessageId('notice-size', TENANT.id, 'AAMkAG1=', 'support@contoso.com'),
      from: { address: 'support@contoso.com' },
      to: [{ address: 'ada@customer.example', name: 'Ada' }],
      subject: 'Not delivered: Huge scan',
      inReplyTo: '<big@customer.example>',
    });
    expect(mail?.text).toContain('larger than 25 MB');
    expect(mail?.headers.get('auto-submitted')).toEqual(['auto-replied']);
    // Sent Items was asked first.
    expect(w.exchange.requests[0]?.method).toBe('GET');
  });

  it('answers already-sent when Sent Items has it, and sends nothing', async () => {
    const w = world();
    const id = noticeMessageId('notice-held', TENANT.id, 'AAMkAG1=', 'support@contoso.com');
    w.exchange.answer = (r) =>
      r.method === 'GET' ? { value: [{ id: 'm', internetMessageId: id }] } : undefined;
    expect(await w.notices.send('notice-held', refused())).toBe('already-sent');
    expect(await w.sent()).toEqual([]);
  });

  it('follows the ack rules: none to automatic mail, lists, system senders or within the hour', async () => {
    const w = world();
    const auto: Classification = { kind: 'auto-reply', reason: 'x' };
    expect(
      await w.notices.send('notice-size', refused('a@x.example', { classification: auto })),
    ).toBe('auto-reply');
    expect(await w.notices.send('notice-size', refused('noreply@x.example'))).toBe('system-sender');
    expect(await w.notices.send('notice-size', refused('b@x.example'))).toBe('sent');
    expect(await w.notices.send('notice-size', refused('b@x.example', { key: 'other' }))).toBe(
      'recently-acked',
    );
    // The same refusal met again gets the same answer and finds its first notice.
    expect(await w.notices.send('notice-size', refused('b@x.example'))).toBe('sent');
    expect(await w.sent()).toHaveLength(2);
  });

  it('uses our texts when the site does not open, and answers a failure as its code', async () => {
    const w = world(() => Promise.reject(graphError(503, 'ServiceUnavailable')));
    expect(await w.notices.send('notice-held', refused())).toBe('sent');
    expect((await w.sent())[0]?.subject).toBe('Delayed: Huge scan');
    expect(w.log.events).toContainEqual(
      expect.objectContaining({ event: 'outbound.template', outcome: 'defaults-used' }),
    );
    w.exchange.answer = () => {
      throw graphError(403, 'ErrorAccessDenied');
    };
    expect(await w.notices.send('notice-size', refused('c@x.example'))).toBe('graph-access-denied');
  });

  it("uses the site's template in the tenant's language", async () => {
    const site = new FakeOutboxSite();
    site.templates = [
      {
        key: 'notice-size',
        language: 'de',
        subject: 'Zu groß: {{mail.subject}}',
        body: '<p>{{limit}}</p>',
      },
    ];
    const w = world(async () => site);
    const german = { ...refused(), tenant: Object.assign({}, TENANT, { language: 'de' }) };
    expect(await w.notices.send('notice-size', german, { limit: '25 MB' })).toBe('sent');
    expect((await w.sent())[0]).toMatchObject({ subject: 'Zu groß: Huge scan', text: '25 MB' });
  });
});
