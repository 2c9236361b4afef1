/**
 * Graph simulator, where sent mail arrives: a mail the support mailbox sends to itself lands in
 * its own Inbox and notifies its subscriber (what loop tests need), a mail to another tenant's
 * mailbox lands there and in no outbox, and a tenant cannot send as another tenant's mailbox.
 */
import type { RawResponse } from '../../dev/graph-sim/testing';
import { SUPPORT, TENANT_A, TENANT_B, errorOf, mime } from './graph-sim-mail-kit';
import { subscribed, useWorld } from './graph-sim-subscriptions-kit';

const world = useWorld();
const OTHER = 'help@fabrikam.example';

beforeAll(async () => {
  await world.t.admin('PUT', `/_admin/tenants/${TENANT_A}/mailboxes/${SUPPORT}/grant?role=send`);
  await world.t.admin('PUT', `/_admin/tenants/${TENANT_B}/mailboxes/${OTHER}`);
  await world.t.admin('PUT', `/_admin/tenants/${TENANT_B}/mailboxes/${OTHER}/grant?role=send`);
});

const sendAs = (tenant: string, from: string, to: string, subject: string): Promise<RawResponse> =>
  world.t.graphFetch(tenant, 'POST', `/users/${from}/sendMail`, {
    body: Buffer.from(
      mime(subject, [`From: ${from}`])
        .replace(/^From: "Ada Customer".*\r\n/m, '')
        .replace(/^To: .*$/m, `To: ${to}`),
    ).toString('base64'),
    headers: { 'content-type': 'text/plain' },
  });

const admin = async (path: string): Promise<{ folder: string; internetMessageId: string }[]> =>
  (
    (await world.t.admin('GET', path)).body as {
      value: { folder: string; internetMessageId: string }[];
    }
  ).value;

describe('delivery of sent mail', () => {
  it('when the support mailbox mails itself, then the mail is in its Inbox and Sent Items, and its subscriber is notified', async () => {
    await subscribed(world);
    world.endpoint.received.length = 0;
    expect((await sendAs(TENANT_A, SUPPORT, SUPPORT, 'Loop')).status).toBe(202);
    const [note] = await world.endpoint.waitFor(1);
    expect(note?.value[0]).toMatchObject({ changeType: 'created', tenantId: TENANT_A });
    const copies = (await admin(`/_admin/mailboxes/${SUPPORT}/messages`)).filter(
      (m) => m.internetMessageId === '<Loop@customer.example>',
    );
    expect(copies.map((m) => m.folder).sort()).toEqual(['Inbox', 'Sent Items']);
    expect(await admin('/_admin/sent')).toEqual([]);
  });

  it("when a mailbox mails another tenant's mailbox, then it lands in that Inbox and in no outbox", async () => {
    expect((await sendAs(TENANT_A, SUPPORT, OTHER, 'Across')).status).toBe(202);
    const there = await admin(`/_admin/mailboxes/${OTHER}/messages`);
    expect(there).toEqual([
      expect.objectContaining({ folder: 'Inbox', internetMessageId: '<Across@customer.example>' }),
    ]);
    expect(await admin('/_admin/sent')).toEqual([]);
  });

  it("when a tenant sends as another tenant's mailbox, then it is an unknown user and nothing is sent", async () => {
    const res = await sendAs(TENANT_B, SUPPORT, 'ada@customer.example', 'Forged');
    expect(errorOf(res)).toMatchObject({ status: 404, code: 'ErrorInvalidUser' });
    expect(await admin('/_admin/sent')).toEqual([]);
  });

  it('when the simulator is reset, then the outbox is empty', async () => {
    await sendAs(TENANT_B, OTHER, 'ada@customer.example', 'Out');
    expect(await admin('/_admin/sent')).toHaveLength(1);
    await world.t.admin('POST', '/_admin/reset');
    expect(await admin('/_admin/sent')).toEqual([]);
  });
});
