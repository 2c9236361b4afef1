/**
 * Mail that must not open a ticket, on the local stack: auto-replies, bounces, mail from the
 * support address itself, and a sender's burst past the limit. Each leaves no ticket and a logged
 * outcome with its reason (ids and codes only); an auto-reply that answers a ticket becomes an
 * internal comment on it instead.
 */
import { processed, tenantLog } from './outcomes';
import { freshTenant, sharedHost } from './setup';
import { type TestTenant, mail, newTenant, postMail, readList, ticketsWhen } from './support';

const host = sharedHost();

const outOfOffice = (to: string, extra: string[] = []): Buffer =>
  mail({
    to,
    subject: 'Automatic reply: Printer broken',
    headers: ['Auto-Submitted: auto-replied', ...extra],
    body: 'I am out of the office until Monday.',
  });

function bounce(to: string): Buffer {
  return Buffer.from(
    [
      'From: Mail Delivery System <MAILER-DAEMON@mx.example.net>',
      `To: ${to}`,
      'Subject: Undelivered Mail Returned to Sender',
      'Message-ID: <bounce-1@mx.example.net>',
      'MIME-Version: 1.0',
      'Content-Type: multipart/report; report-type=delivery-status; boundary="b1"',
      '',
      '--b1',
      'Content-Type: text/plain',
      '',
      'This is the mail system at host mx.example.net. Your message could not be delivered.',
      '--b1',
      'Content-Type: message/delivery-status',
      '',
      'Reporting-MTA: dns; mx.example.net',
      '',
      'Final-Recipient: rfc822; gone@example.org',
      'Action: failed',
      'Status: 5.1.1',
      '--b1--',
      '',
    ].join('\r\n'),
  );
}

async function post(tenant: TestTenant, raw: Buffer) {
  const support = tenant.supportAddresses[0] ?? '';
  const res = await postMail(host.url, raw, support);
  expect(res.status).toBe(202);
  return processed(tenant, res.body.id);
}

describe('mail that is not a ticket', () => {
  it.each([
    { desc: 'an out-of-office reply', raw: outOfOffice, outcome: 'dropped-auto-reply' },
    { desc: 'a bounce', raw: bounce, outcome: 'dropped-bounce' },
  ])(
    'when $desc answers no ticket, then nothing is written and the reason is logged',
    async (c) => {
      const tenant = await newTenant();
      const result = await post(tenant, c.raw(tenant.supportAddresses[0] ?? ''));
      expect(result.outcome).toBe(c.outcome);
      expect(result.trace.at(-1)?.code).toMatch(/^unthreaded\//);
      expect(await readList(tenant, 'Tickets')).toEqual([]);
      expect(await readList(tenant, 'Contacts')).toEqual([]);
    },
  );

  it('when mail comes from the support address itself, then no ticket is written (a loop)', async () => {
    const { tenant, support } = await freshTenant();
    const result = await post(
      tenant,
      mail({ from: `Helpdesk <${support.toUpperCase()}>`, to: support }),
    );
    expect(result).toMatchObject({ outcome: 'dropped-loop' });
    expect(result.trace.at(-1)).toMatchObject({ stage: 'classify', code: 'loop/own-address' });
    expect(await readList(tenant, 'Tickets')).toEqual([]);
  });
});

describe('an auto-reply that answers a ticket', () => {
  it('when it answers the ticket mail, then it is an internal auto-reply comment and adds no one', async () => {
    const { tenant, support } = await freshTenant();
    await post(tenant, mail({ to: support, messageId: '<asked-1@example.com>' }));
    const result = await post(
      tenant,
      outOfOffice(support, ['In-Reply-To: <asked-1@example.com>', 'Cc: someone@example.com']),
    );
    expect(result.outcome).toBe('comment-created');
    const [ticket] = await readList(tenant, 'Tickets');
    const comments = await readList(tenant, 'Comments');
    expect(comments).toHaveLength(1);
    expect(comments[0]?.fields).toMatchObject({
      TicketLookupId: ticket?.id,
      IsAutoReply: true,
      Internal: true,
    });
    expect((await readList(tenant, 'Contacts')).map((c) => c.fields.Email)).toEqual([
      'anna@example.com',
    ]);
    expect(ticket?.fields.Cc).toBeUndefined();
  });

  it('when its subject names the ticket and it comes from the requester, then it is an internal comment', async () => {
    const { tenant, support } = await freshTenant();
    await post(tenant, mail({ to: support }));
    const [ticket] = await readList(tenant, 'Tickets');
    const raw = mail({
      to: support,
      subject: `Automatic reply: [#${ticket?.id}] Printer broken`,
      headers: ['Auto-Submitted: auto-replied'],
    });
    expect((await post(tenant, raw)).outcome).toBe('comment-created');
    expect((await readList(tenant, 'Comments'))[0]?.fields).toMatchObject({ Internal: true });
  });
});

describe('a burst from one sender', () => {
  it('when one sender sends more than 20 mails within 15 minutes, then 20 become tickets and the rest are dropped', async () => {
    const { tenant, support } = await freshTenant();
    const ids: unknown[] = [];
    for (let i = 0; i < 23; i++) {
      const raw = mail({
        from: 'Alerts <alerts@monitoring.example>',
        to: support,
        subject: `Disk full ${i}`,
      });
      ids.push((await postMail(host.url, raw, support)).body.id);
    }
    const outcomes = await Promise.all(
      ids.map(async (id) => (await processed(tenant, id)).outcome),
    );
    expect(outcomes.filter((o) => o === 'ticket-created')).toHaveLength(20);
    expect(outcomes.filter((o) => o === 'dropped-sender-burst')).toHaveLength(3);
    expect(await ticketsWhen(tenant, 20)).toHaveLength(20);

    const log = JSON.stringify(await tenantLog(tenant));
    expect(log).toContain('mail.sender-burst');
    expect(log).not.toMatch(/alerts@|monitoring\.example|Disk full|Alerts/);
  });
});
