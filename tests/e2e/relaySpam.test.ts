/**
 * The relays' spam verdicts on the local stack (docs/mail-rules.md "Spam"): SendGrid's
 * `spam_score` and Postmark's SpamAssassin score (beside the MIME) and Mailgun's
 * `X-Mailgun-Sflag` (which Mailgun writes on top of the mail) make no ticket at or above the
 * tenant's threshold; the Mailgun flag on any other door is the sender's text and is ignored.
 */
import { processed } from './outcomes';
import { mailgunToken, postMailgun, postPostmark, postSendGrid } from './relaySupport';
import { freshTenant, sharedHost } from './setup';
import { mail, postMail, readList } from './support';

const host = sharedHost();

const junk = (to: string, headers: string[] = []): Buffer =>
  mail({ to, subject: 'You have won', body: 'Claim your prize now.', headers });

/** As Mailgun hands the mail on: its verdict prepended above the mail's own header fields. */
const flaggedByMailgun = (to: string): Buffer =>
  Buffer.concat([Buffer.from('X-Mailgun-Sflag: Yes\r\nX-Mailgun-Sscore: 12.4\r\n'), junk(to)]);

describe("the relays' spam verdicts", () => {
  it('when SendGrid scores a mail at 7.5 (threshold 5), then it is dropped as spam; at 2.0 it is a ticket', async () => {
    const { tenant, support } = await freshTenant();
    const spam = await postSendGrid(host.url, junk(support), { to: [support], spamScore: '7.5' });
    const fine = await postSendGrid(host.url, mail({ to: support }), {
      to: [support],
      spamScore: '2.0',
    });
    expect([spam.status, fine.status]).toEqual([200, 200]);
    const dropped = await processed(tenant, spam.body.id);
    expect(dropped.outcome).toBe('dropped-spam');
    expect(dropped.trace.at(-1)).toMatchObject({ stage: 'spam', code: 'spam/sendgrid' });
    expect((await processed(tenant, fine.body.id)).outcome).toBe('ticket-created');
    expect((await readList(tenant, 'Tickets')).map((t) => t.fields.Title)).toEqual([
      'Printer broken',
    ]);
    expect(await readList(tenant, 'Contacts')).toHaveLength(1);
  });

  it('when Mailgun flags a mail (X-Mailgun-Sflag: Yes), then it is dropped as spam', async () => {
    const { tenant, support } = await freshTenant();
    const res = await postMailgun(host.url, flaggedByMailgun(support), {
      recipient: support,
      token: mailgunToken(tenant.domain, 1),
    });
    expect(res.status).toBe(200);
    const dropped = await processed(tenant, res.body.id);
    expect(dropped.outcome).toBe('dropped-spam');
    expect(dropped.trace.at(-1)).toMatchObject({ stage: 'spam', code: 'spam/mailgun' });
    expect(await readList(tenant, 'Tickets')).toHaveLength(0);
  });

  it("when Postmark's SpamAssassin scores a mail 9.0, then it is dropped as spam", async () => {
    const { tenant, support } = await freshTenant();
    const res = await postPostmark(host.url, junk(support), {
      recipient: support,
      spamScores: ['9.0'],
    });
    expect(res.status).toBe(200);
    const dropped = await processed(tenant, res.body.id);
    expect(dropped.outcome).toBe('dropped-spam');
    expect(dropped.trace.at(-1)).toMatchObject({ stage: 'spam', code: 'spam/postmark' });
  });

  it('when a sender writes X-Mailgun-Sflag: Yes and the mail comes through SendGrid or /api/inbound, then it is a ticket', async () => {
    const [a, b] = await Promise.all([freshTenant(), freshTenant()]);
    const viaSendGrid = await postSendGrid(host.url, flaggedByMailgun(a.support), {
      to: [a.support],
      spamScore: '0.1',
    });
    const viaInbound = await postMail(host.url, flaggedByMailgun(b.support), b.support);
    expect([viaSendGrid.status, viaInbound.status]).toEqual([200, 202]);
    for (const [tenant, id] of [
      [a.tenant, viaSendGrid.body.id],
      [b.tenant, viaInbound.body.id],
    ] as const) {
      const result = await processed(tenant, id);
      expect(result.outcome).toBe('ticket-created');
      expect(result.trace.find((t) => t.stage === 'spam')).toMatchObject({ verdict: 'continue' });
      expect((await readList(tenant, 'Tickets')).map((t) => t.fields.Title)).toEqual([
        'You have won',
      ]);
    }
  });
});
