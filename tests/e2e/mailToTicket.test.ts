/**
 * The whole path on the local stack: a mail posted to the functions host over HTTP becomes a
 * ticket (with its requester contact) in the tenant's SharePoint lists, read back through Graph.
 */
import type { TestHost } from '../support/stack';
import { freshTenant, hostAndTenant } from './setup';
import { type TestTenant, mail, postMail, readList, ticketsWhen } from './support';

describe('a mail to the support address', () => {
  let host: TestHost;
  let tenant: TestTenant;
  let support: string;

  beforeAll(async () => {
    ({ host, tenant, support } = await hostAndTenant({
      env: { MAIL_MAX_BYTES: String(64 * 1024) },
    }));
  });

  it('when it is posted, then it is accepted with an id and becomes one ticket with its requester', async () => {
    const raw = mail({
      from: '"Anna Example" <Anna@Example.com>',
      to: support,
      subject: 'Printer on floor 3',
      body: 'Blank <pages>',
    });
    const res = await postMail(host.url, raw, support);
    expect(res.status).toBe(202);
    expect(res.body.id).toMatch(/^[0-9a-f-]{36}$/);

    const [ticket] = await ticketsWhen(tenant, 1);
    expect(ticket?.fields).toMatchObject({
      Title: 'Printer on floor 3',
      Status: 'New',
      Source: 'Email',
      Mailbox: support,
    });
    expect(String(ticket?.fields.Body)).toContain('Blank &lt;pages&gt;');
    const contacts = await readList(tenant, 'Contacts');
    const requester = contacts.find((c) => c.id === String(ticket?.fields.RequesterLookupId));
    expect(requester?.fields).toMatchObject({ Title: 'Anna Example', Email: 'anna@example.com' });
  });

  it('when the same mail is posted twice, then there is still one ticket for it', async () => {
    const { tenant: other, support: address } = await freshTenant();
    const raw = mail({ to: address, messageId: '<twice-1@example.com>' });
    expect((await postMail(host.url, raw, address)).status).toBe(202);
    expect((await postMail(host.url, raw, address)).status).toBe(202);
    // A third, different mail proves the queue has moved past both deliveries.
    expect(
      (await postMail(host.url, mail({ to: address, subject: 'later' }), address)).status,
    ).toBe(202);
    const tickets = await ticketsWhen(other, 2);
    await new Promise((r) => setTimeout(r, 1500));
    expect((await readList(other, 'Tickets')).map((t) => t.fields.Title).sort()).toEqual([
      'Printer broken',
      'later',
    ]);
    expect(tickets).toHaveLength(2);
  });

  it("when the relay gives no recipient, then the tenant is found from the mail's To header", async () => {
    const { tenant: other, support: address } = await freshTenant();
    expect(
      (await postMail(host.url, mail({ to: `"Help" <${address.toUpperCase()}>` }), undefined))
        .status,
    ).toBe(202);
    expect(await ticketsWhen(other, 1)).toHaveLength(1);
  });

  it.each([
    { desc: 'no function key', key: '', recipient: 'support', body: mail({}), status: 401 },
    {
      desc: 'a wrong function key',
      key: 'wrong',
      recipient: 'support',
      body: mail({}),
      status: 401,
    },
    {
      desc: 'a recipient no tenant owns',
      key: undefined,
      recipient: 'nobody@nowhere.example',
      body: mail({}),
      status: 404,
    },
    {
      desc: 'an empty body',
      key: undefined,
      recipient: 'support',
      body: Buffer.alloc(0),
      status: 400,
    },
    {
      desc: 'a body that is not a mail',
      key: undefined,
      recipient: 'support',
      body: Buffer.from('{"json":true}'),
      status: 400,
    },
    {
      desc: 'a mail over the size limit',
      key: undefined,
      recipient: 'support',
      body: mail({ body: 'x'.repeat(70_000) }),
      status: 413,
    },
  ])(
    'when posted with $desc, then the answer is $status with a short JSON error',
    async ({ key, recipient, body, status }) => {
      const res = await postMail(
        host.url,
        body,
        recipient === 'support' ? support : recipient,
        key,
      );
      expect(res.status).toBe(status);
      expect(typeof res.body.error).toBe('string');
      expect(JSON.stringify(res.body)).not.toMatch(/at .*\.ts:\d+|node_modules/);
    },
  );

  it('when health is asked, then it answers 200 with storage and Cosmos usable', async () => {
    const res = await fetch(`${host.url}/api/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      status: 'ok',
      checks: { storage: 'ok', cosmos: 'ok' },
    });
  });
});
