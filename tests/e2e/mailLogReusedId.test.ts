/**
 * Two different mails under one Message-ID in the Mail Log (issue 14), on the local stack: a
 * Message-ID proves nothing (mail/mailKey.ts), so the second neither replaces the first one's
 * kept original nor is taken for its redelivery. Each has its own item and original, and
 * `Make ticket` on the second makes a ticket of the second's content and links that ticket.
 */
import { mailLogged, originalOf } from './mailLogSupport';
import { mailLogItemWhen, mailLogItems, makeTicket } from './mailLogRecoverSupport';
import { processed } from './outcomes';
import { sharedOutboundHost } from './outboundSupport';
import { freshTenant } from './setup';
import { type ListItem, eventually, mail, postMail, ticketsWhen } from './support';

const host = sharedOutboundHost();

const autoReply = (to: string, body: string): Buffer =>
  mail({
    from: 'Robot <robot@example.net>',
    to,
    subject: `Automatic reply: ${body}`,
    messageId: '<same-id@example.net>',
    headers: ['Auto-Submitted: auto-replied'],
    body,
  });

it('when a second mail comes under a logged Message-ID, then both keep their item and original, and Make ticket on the second links its own ticket', async () => {
  const { tenant, support } = await freshTenant();
  const first = autoReply(support, 'Away until Monday');
  const second = autoReply(support, 'Away until Friday');
  for (const raw of [first, second]) {
    const res = await postMail(host.url, raw, support);
    expect((await processed(tenant, String(res.body.id))).outcome).toBe('dropped-auto-reply');
    expect(await mailLogged(tenant, String(res.body.id))).toMatchObject({ outcome: 'written' });
  }
  const items = await eventually(async () => {
    const found = await mailLogItems(tenant);
    return found.length === 2 ? found : undefined;
  });
  const bySubject = (s: string): ListItem => items.find((i) => i.fields.Title === s) as ListItem;
  const [one, two] = [
    bySubject('Automatic reply: Away until Monday'),
    bySubject('Automatic reply: Away until Friday'),
  ];
  expect(Buffer.compare(await originalOf(tenant, one), first)).toBe(0);
  expect(Buffer.compare(await originalOf(tenant, two), second)).toBe(0);
  expect(one.fields.MailKey).not.toBe(two.fields.MailKey);

  await makeTicket(tenant, two.id);
  await host.runOutbox();
  const [ticket] = await ticketsWhen(tenant, 1);
  expect(ticket?.fields).toMatchObject({ Title: 'Automatic reply: Away until Friday' });
  const done = await mailLogItemWhen(tenant, two.id, (f) => f.Action === 'Done');
  expect(String(done.TicketLookupId)).toBe(ticket?.id);
}, 240_000);
