/**
 * Mail that did not become a ticket, in the tenant's Mail Log, on the local stack (issue 14): an
 * auto-reply or bounce that answers no ticket and a loop each leave one item, with the original
 * kept byte for byte in the library and the staged copy gone; the same mail again makes no
 * second item; a site provisioned before the Mail Log drops mail as before.
 */
import { loadConfig } from '../../lib/config';
import { type Deps, buildDeps } from '../../lib/deps';
import { mailKey } from '../../lib/mail/mailKey';
import { mailLogItems, theMailLogItem } from './mailLogRecoverSupport';
import { mailLogged, originalOf, tenantWithoutMailLog } from './mailLogSupport';
import { processed } from './outcomes';
import { freshTenant, sharedHost } from './setup';
import { type TestTenant, mail, postMail, readList, settings } from './support';

const host = sharedHost();
let deps: Deps;

beforeAll(() => {
  deps = buildDeps(loadConfig(settings()));
});

afterAll(() => deps.log.close());

const outOfOffice = (to: string): Buffer =>
  mail({
    from: 'Robot <robot@example.net>',
    to,
    subject: 'Automatic reply: Printer broken',
    messageId: '<ooo-1@example.net>',
    headers: ['Auto-Submitted: auto-replied'],
    body: 'I am out of the office until Monday.',
  });

// A bounce by its sender alone (classify: bounce/mailer-daemon).
const bounce = (to: string): Buffer =>
  mail({
    from: 'Mail Delivery System <MAILER-DAEMON@mx.example.net>',
    to,
    subject: 'Undelivered Mail Returned to Sender',
    messageId: '<bounce-1@mx.example.net>',
    body: 'Your message could not be delivered.',
  });

const loop = (to: string): Buffer =>
  mail({ from: `Helpdesk <${to}>`, to, subject: 'Re: Printer', messageId: '<loop-1@example.com>' });

async function post(tenant: TestTenant, raw: Buffer): Promise<string> {
  const support = tenant.supportAddresses[0] ?? '';
  const res = await postMail(host.url, raw, support);
  expect(res.status).toBe(202);
  return String(res.body.id);
}

const stagedCount = (tenant: TestTenant): Promise<number> =>
  deps.staging.countStaged(tenant.domain);

describe('the Mail Log', () => {
  it.each([
    {
      desc: 'an auto-reply',
      raw: outOfOffice,
      outcome: 'dropped-auto-reply',
      reason: 'auto-reply',
    },
    { desc: 'a bounce', raw: bounce, outcome: 'dropped-bounce', reason: 'bounce' },
    { desc: 'a loop', raw: loop, outcome: 'dropped-loop', reason: 'loop' },
  ])(
    'when $desc is dropped, then one item keeps it with its original, and the same mail again makes no second',
    async (c) => {
      const { tenant, support } = await freshTenant();
      const raw = c.raw(support);
      const first = await post(tenant, raw);
      expect((await processed(tenant, first)).outcome).toBe(c.outcome);
      expect(await mailLogged(tenant, first)).toMatchObject({ outcome: 'written' });

      const item = await theMailLogItem(tenant);
      expect(item.fields).toMatchObject({ Outcome: c.outcome, Reason: c.reason });
      const messageId = /^Message-ID: (.*)$/m.exec(raw.toString())?.[1];
      expect(item.fields.MailKey).toBe(mailKey(messageId, raw));
      expect(Buffer.compare(await originalOf(tenant, item), raw)).toBe(0);
      expect(await readList(tenant, 'Tickets')).toEqual([]);
      expect(await stagedCount(tenant)).toBe(0);

      // The relay delivers it again: the same MailKey finds the item.
      const again = await post(tenant, raw);
      expect(await mailLogged(tenant, again)).toMatchObject({ outcome: 'written' });
      expect(await mailLogItems(tenant)).toHaveLength(1);
    },
  );

  it('when an auto-reply is dropped, then the item names its sender, subject and month', async () => {
    const { tenant, support } = await freshTenant();
    await post(tenant, outOfOffice(support));
    const item = await theMailLogItem(tenant);
    // The month the door took it: the originals' folder.
    const month = String(item.fields.Received).slice(0, 7);
    expect(month).toMatch(/^\d{4}-\d{2}$/);
    expect(item.fields).toMatchObject({
      Title: 'Automatic reply: Printer broken',
      Sender: 'robot@example.net',
      Original: expect.stringContaining(`/_mail-log/${month}/`),
    });
    expect(item.fields.Action).toBeUndefined();
  });

  it('when the site has no Mail Log, then the mail is dropped as before, with a line saying so', async () => {
    const tenant = await tenantWithoutMailLog();
    const id = await post(tenant, outOfOffice(tenant.supportAddresses[0] ?? ''));
    expect((await processed(tenant, id)).outcome).toBe('dropped-auto-reply');
    expect(await mailLogged(tenant, id)).toMatchObject({ outcome: 'missing' });
    expect(await stagedCount(tenant)).toBe(0);
  });
});
