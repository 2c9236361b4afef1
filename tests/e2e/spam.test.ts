/**
 * Spam verdicts on the local stack (docs/mail-rules.md "Spam"): a verdict counts only from the
 * door that sets it. Exchange's SCL on mail read from the tenant's mailbox stops it there; the
 * same header posted to /api/inbound is the sender's text and makes a ticket; SpamAssassin's flag
 * on /api/inbound counts only once the operator says the tenant's MTA runs SpamAssassin.
 * The relays' own verdicts are tested with the relay doors (relay*.test.ts).
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { connect, deliver, exactlyTickets, mailboxWhen, tenantWithMailbox } from './mailboxSupport';
import { processed } from './outcomes';
import { freshTenant, sharedHost } from './setup';
import { type TestTenant, mail, postMail, readList, settings } from './support';

const host = sharedHost();

const spam = (to: string, headers: string[]): Buffer =>
  mail({ to, subject: 'You have won', body: 'Claim your prize now.', headers });

async function post(tenant: TestTenant, raw: Buffer) {
  const res = await postMail(host.url, raw, tenant.supportAddresses[0]);
  expect(res.status).toBe(202);
  return processed(tenant, res.body.id);
}

/** The operator's `npm run tenant -- set`, against the test stack's Cosmos; its printed line. */
async function setSetting(tenant: TestTenant, name: string, value: string): Promise<unknown> {
  const cli = [require.resolve('tsx/cli'), 'dev/tenant.ts', 'set', tenant.domain, name, value];
  const { stdout } = await promisify(execFile)(process.execPath, cli, {
    env: { ...process.env, ...settings() },
  });
  return JSON.parse(stdout);
}

describe('spam verdicts, each from its own door', () => {
  it('when Exchange gave a mail in the connected mailbox SCL 9, then it is no ticket and lands in Helpdesk/Not a ticket as spam', async () => {
    const { tenant, support } = await tenantWithMailbox();
    await connect(host.url, tenant, support);
    const junk = await deliver(support, spam(support, ['X-MS-Exchange-Organization-SCL: 9']));
    const fine = await deliver(support, mail({ to: support, subject: 'Printer broken' }));

    const messages = await mailboxWhen(support, (all) => all.every((m) => m.folder !== 'Inbox'));
    expect(messages).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          id: junk,
          folder: 'Helpdesk/Not a ticket',
          categories: ['Helpdesk: spam'],
        }),
        expect.objectContaining({ id: fine, folder: 'Helpdesk/Processed' }),
      ]),
    );
    const [ticket] = await exactlyTickets(tenant, 1);
    expect(ticket?.fields).toMatchObject({ Title: 'Printer broken' });
    expect(await readList(tenant, 'Contacts')).toHaveLength(1);
  });

  it('when the same SCL 9 header is posted to /api/inbound, then it is a ticket: the sender wrote it', async () => {
    const { tenant, support } = await freshTenant();
    const forged = ['X-MS-Exchange-Organization-SCL: 9', 'X-Mailgun-Sflag: Yes'];
    const result = await post(tenant, spam(support, forged));
    expect(result.outcome).toBe('ticket-created');
    expect(result.trace.find((t) => t.stage === 'spam')).toMatchObject({ verdict: 'continue' });
    expect(await readList(tenant, 'Tickets')).toHaveLength(1);
  });

  it('when /api/inbound mail has X-Spam-Flag: YES, then it is dropped only for a tenant that trusts its SpamAssassin', async () => {
    const [ignoring, trusting] = await Promise.all([freshTenant(), freshTenant()]);
    expect(await setSetting(trusting.tenant, 'spamassassin-headers', 'trust')).toEqual({
      domain: trusting.tenant.domain,
      'spamassassin-headers': 'trust',
    });
    const flagged = ['X-Spam-Flag: YES', 'X-Spam-Status: Yes, score=9.1 required=5.0'];

    const kept = await post(ignoring.tenant, spam(ignoring.support, flagged));
    expect(kept.outcome).toBe('ticket-created');

    const dropped = await post(trusting.tenant, spam(trusting.support, flagged));
    expect(dropped.outcome).toBe('dropped-spam');
    expect(dropped.trace.at(-1)).toMatchObject({ stage: 'spam', code: 'spam/inbound' });
    expect(await readList(trusting.tenant, 'Tickets')).toEqual([]);
    expect(await readList(trusting.tenant, 'Contacts')).toEqual([]);
  });
});
