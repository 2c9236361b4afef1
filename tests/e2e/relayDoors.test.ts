/**
 * The relay doors on the local stack (docs/relays.md): a mail posted as SendGrid, Mailgun and
 * Postmark post it becomes a ticket (Postmark's also when it came to the stream's hash address);
 * each door refuses a caller without its credential (401), Mailgun a replayed request (406),
 * and each a mail over the size limit (413).
 */
import type { TestHost } from '../support/stack';
import { mailgunToken, postMailgun, postPostmark, postSendGrid } from './relaySupport';
import { freshTenant, hostAndTenant } from './setup';
import { type TestTenant, mail, readList, ticketsWhen } from './support';
import { exactlyTickets } from './mailboxSupport';

describe('mail from a relay', () => {
  let host: TestHost;
  let tenant: TestTenant;
  let support: string;

  beforeAll(async () => {
    ({ host, tenant, support } = await hostAndTenant({
      env: { MAIL_MAX_BYTES: String(64 * 1024) },
    }));
  });

  it('when SendGrid posts the raw mail, then it is accepted and becomes one ticket with its requester', async () => {
    const raw = mail({
      from: '"Anna Example" <anna@example.com>',
      to: support,
      subject: 'Via SendGrid',
    });
    const res = await postSendGrid(host.url, raw, { to: [support], spamScore: '0.4' });
    expect(res).toEqual({
      status: 200,
      body: { id: expect.stringMatching(/^[0-9a-f-]{36}$/) as string },
    });
    const [ticket] = await ticketsWhen(tenant, 1);
    expect(ticket?.fields).toMatchObject({
      Title: 'Via SendGrid',
      Source: 'Email',
      Mailbox: support,
    });
    const contacts = await readList(tenant, 'Contacts');
    expect(contacts.map((c) => c.fields.Email)).toEqual(['anna@example.com']);
  });

  it("when SendGrid's envelope names a tenant the To header does not, then the envelope routes it", async () => {
    const [a, b] = await Promise.all([freshTenant(), freshTenant()]);
    const raw = mail({ to: b.support, subject: 'Envelope wins' });
    expect((await postSendGrid(host.url, raw, { to: [a.support] })).status).toBe(200);
    const [ticket] = await ticketsWhen(a.tenant, 1);
    expect(ticket?.fields).toMatchObject({ Title: 'Envelope wins', Mailbox: a.support });
    expect(await readList(b.tenant, 'Tickets')).toHaveLength(0);
  });

  it.each(['urlencoded', 'multipart'] as const)(
    'when Mailgun forwards a signed %s mail, then it becomes a ticket',
    async (encoding) => {
      const { tenant: own, support: address } = await freshTenant();
      const raw = mail({ to: address, subject: `Via Mailgun ${encoding}` });
      const token = mailgunToken(own.domain, 1);
      const res = await postMailgun(host.url, raw, { recipient: address, token, encoding });
      expect(res.status).toBe(200);
      const [ticket] = await ticketsWhen(own, 1);
      expect(ticket?.fields).toMatchObject({ Title: `Via Mailgun ${encoding}`, Mailbox: address });
    },
  );

  it('when Postmark posts its JSON with the raw mail, then it becomes a ticket', async () => {
    const { tenant: own, support: address } = await freshTenant();
    const raw = mail({ to: address, subject: 'Via Postmark', body: 'Grüße aus Köln' });
    expect((await postPostmark(host.url, raw, { recipient: address })).status).toBe(200);
    const [ticket] = await ticketsWhen(own, 1);
    expect(ticket?.fields).toMatchObject({ Title: 'Via Postmark', Mailbox: address });
    expect(String(ticket?.fields.Body)).toContain('Grüße aus Köln');
  });

  it("when a mail forwarded to the Postmark stream's hash address comes, then its To header routes it", async () => {
    const { tenant: own, support: address } = await freshTenant();
    const raw = mail({ to: address, subject: 'Via the Postmark hash address' });
    const recipient = '451d9b70cf9364d6f9d51sdf34343sdf343@inbound.postmarkapp.com';
    expect((await postPostmark(host.url, raw, { recipient })).status).toBe(200);
    const [ticket] = await ticketsWhen(own, 1);
    expect(ticket?.fields).toMatchObject({
      Title: 'Via the Postmark hash address',
      Mailbox: address,
    });
  });

  it('when the same signed Mailgun request comes again, then it is refused for good (406) and there is one ticket', async () => {
    const { tenant: own, support: address } = await freshTenant();
    const raw = mail({ to: address, subject: 'Once only' });
    const token = mailgunToken(own.domain, 1);
    expect((await postMailgun(host.url, raw, { recipient: address, token })).status).toBe(200);
    const again = await postMailgun(host.url, raw, { recipient: address, token });
    expect(again).toEqual({ status: 406, body: { error: 'token already used' } });
    await exactlyTickets(own, 1);
  });

  it.each([
    {
      relay: 'SendGrid without the function key',
      post: (raw: Buffer) => postSendGrid(host.url, raw, { key: '' }),
    },
    {
      relay: 'SendGrid with a wrong function key',
      post: (raw: Buffer) => postSendGrid(host.url, raw, { key: 'wrong' }),
    },
    {
      relay: 'Mailgun signed under another key',
      post: (raw: Buffer) =>
        postMailgun(host.url, raw, {
          recipient: support,
          token: mailgunToken(tenant.domain, 401),
          key: 'key-other',
        }),
    },
    {
      relay: 'Postmark without basic auth',
      post: (raw: Buffer) => postPostmark(host.url, raw, { recipient: support, credentials: null }),
    },
    {
      relay: 'Postmark with a wrong password',
      post: (raw: Buffer) =>
        postPostmark(host.url, raw, { recipient: support, credentials: 'postmark:wrong' }),
    },
  ])('when $relay posts, then the answer is 401 with a short JSON error', async ({ post }) => {
    const res = await post(mail({ to: support }));
    expect(res.status).toBe(401);
    expect(typeof res.body.error).toBe('string');
    expect(JSON.stringify(res.body)).not.toMatch(/at .*\.ts:\d+|node_modules/);
  });

  it.each([
    { relay: 'SendGrid', post: (raw: Buffer) => postSendGrid(host.url, raw, { to: [support] }) },
    {
      relay: 'Mailgun',
      post: (raw: Buffer) =>
        postMailgun(host.url, raw, { recipient: support, token: mailgunToken(tenant.domain, 413) }),
    },
    {
      relay: 'Postmark',
      post: (raw: Buffer) => postPostmark(host.url, raw, { recipient: support }),
    },
  ])(
    'when $relay posts a mail over the size limit, then it is refused as too large',
    async ({ relay, post }) => {
      const res = await post(mail({ to: support, body: 'x'.repeat(70_000) }));
      // Postmark's JSON may carry three times the mail, so the mail itself is found too large once
      // read, and refused in Postmark's words for "do not retry".
      expect(res.status).toBe(relay === 'Postmark' ? 403 : 413);
      expect(String(res.body.error)).toMatch(/too large|larger than/);
    },
  );
});
