/**
 * Graph simulator, sending mail: sendMail with MIME (base64 text/plain) and with JSON, Graph's
 * refusals (bad base64, a custom header not named X-, more than five, no Mail.Send grant), the
 * sent copy found in Sent Items by internetMessageId, and outside recipients in /_admin/sent.
 */
import type { SentMail } from '../../dev/graph-sim/mail/sendOutbox';
import type { RawResponse } from '../../dev/graph-sim/testing';
import {
  IMMUTABLE,
  type MailSim,
  SUPPORT,
  TENANT_A,
  errorOf,
  mime,
  startMailSim,
} from './graph-sim-mail-kit';
import { component, expectValid, operationSchema } from './graph-sim-openapi';

let m: MailSim;
const U = `/users/${SUPPORT}`;

beforeAll(async () => {
  m = await startMailSim();
  await m.t.admin('PUT', `/_admin/tenants/${TENANT_A}/mailboxes/${SUPPORT}/grant?role=send`);
});

beforeEach(() => m.t.admin('DELETE', '/_admin/sent'));

afterAll(() => m.t.close());

const sendMime = (raw: string): Promise<RawResponse> =>
  m.g('POST', `${U}/sendMail`, {
    body: Buffer.from(raw).toString('base64'),
    headers: { 'content-type': 'text/plain' },
  });

const outbox = async (): Promise<SentMail[]> =>
  ((await m.t.admin('GET', '/_admin/sent')).body as { value: SentMail[] }).value;

const reply = (subject: string, to: string, extra: string[] = []): string =>
  mime(subject, [`From: ${SUPPORT}`, ...extra])
    .replace(/^From: "Ada Customer".*\r\n/m, '')
    .replace(/^To: .*$/m, `To: ${to}`);

async function sentItems(messageId: string): Promise<RawResponse> {
  const filter = encodeURIComponent(`internetMessageId eq '${messageId}'`);
  return m.g(
    'GET',
    `${U}/mailFolders('sentitems')/messages?$filter=${filter}&$select=id,internetMessageId`,
    { headers: IMMUTABLE },
  );
}

describe('sendMail', () => {
  it('when MIME is sent to an outside address, then 202, the outbox has it as sent and Sent Items finds it by its Message-ID', async () => {
    const raw = reply('Ack one', 'ada@customer.example', [
      'Bcc: audit@elsewhere.example',
      'In-Reply-To: <q@customer.example>',
    ]);
    const res = await sendMime(raw);
    expect(res.status).toBe(202);
    expect(res.body).toBeUndefined();
    const [sent, ...more] = await outbox();
    expect(more).toEqual([]);
    expect(sent).toMatchObject({
      from: SUPPORT,
      to: ['ada@customer.example'],
      cc: [],
      bcc: ['audit@elsewhere.example'],
      internetMessageId: '<Ackone@customer.example>',
      subject: 'Ack one',
    });
    const delivered = Buffer.from(sent?.raw ?? '', 'base64').toString('utf8');
    expect(delivered).toContain('In-Reply-To: <q@customer.example>');
    expect(delivered).not.toMatch(/^Bcc:/im);
    const found = await sentItems('<Ackone@customer.example>');
    expect(found.status).toBe(200);
    expect((found.body as { value: { internetMessageId: string }[] }).value).toEqual([
      expect.objectContaining({ internetMessageId: '<Ackone@customer.example>' }),
    ]);
    expectValid(
      operationSchema('/users/{user-id}/mailFolders/{mailFolder-id}/messages', 'get', 200),
      found.body,
      'Sent Items by internetMessageId',
    );
    expect((await sentItems('<other@customer.example>')).body).toMatchObject({ value: [] });
  });

  it('when JSON is sent, then the outbox has a composed MIME with a generated Message-ID and the X- header', async () => {
    // The CSDL's casing (Message, SaveToSentItems), which the OpenAPI subset requires.
    const body = {
      Message: {
        subject: 'Re: [#42] Printer',
        body: { contentType: 'HTML', content: '<p>Fixed.</p>' },
        toRecipients: [{ emailAddress: { address: 'ada@customer.example', name: 'Ada' } }],
        ccRecipients: [{ emailAddress: { address: 'bo@customer.example' } }],
        internetMessageHeaders: [{ name: 'X-Helpdesk-Ticket', value: '42' }],
      },
      SaveToSentItems: false,
    };
    expectValid(component('sendMailRequest'), body, 'sendMail JSON request');
    expect((await m.g('POST', `${U}/sendMail`, { body })).status).toBe(202);
    const [sent] = await outbox();
    expect(sent).toMatchObject({ to: ['ada@customer.example'], cc: ['bo@customer.example'] });
    expect(sent?.internetMessageId).toMatch(/^<.+@.+>$/);
    const raw = Buffer.from(sent?.raw ?? '', 'base64').toString('utf8');
    expect(raw).toContain('X-Helpdesk-Ticket: 42');
    expect(raw).toContain('<p>Fixed.</p>');
    expect(raw).toMatch(/^From: Contoso Support <support@contoso\.example>/m);
    // saveToSentItems false: no copy to find.
    expect((await sentItems(sent?.internetMessageId ?? '')).body).toMatchObject({ value: [] });
  });

  it('when the body is not base64, then 400 ErrorMimeContentInvalidBase64String and nothing is sent', async () => {
    const res = await m.g('POST', `${U}/sendMail`, {
      body: 'not base64 at all!',
      headers: { 'content-type': 'text/plain' },
    });
    expect(errorOf(res)).toEqual({
      status: 400,
      code: 'ErrorMimeContentInvalidBase64String',
      message: 'Invalid base64 string for MIME content.',
    });
    expect(await outbox()).toEqual([]);
  });

  it('when a custom header is not an X- one or there are six, then 400 with Graph codes', async () => {
    const send = (headers: { name: string; value: string }[]): Promise<RawResponse> =>
      m.g('POST', `${U}/sendMail`, {
        body: {
          message: {
            subject: 'H',
            toRecipients: [{ emailAddress: { address: 'ada@customer.example' } }],
            internetMessageHeaders: headers,
          },
        },
      });
    const inReplyTo = await send([{ name: 'In-Reply-To', value: '<q@customer.example>' }]);
    expect(errorOf(inReplyTo)).toMatchObject({ status: 400, code: 'InvalidInternetMessageHeader' });
    const six = Array.from({ length: 6 }, (_, i) => ({ name: `X-N${i}`, value: 'v' }));
    expect(errorOf(await send(six))).toMatchObject({
      status: 400,
      code: 'InvalidInternetMessageHeaderCollection',
    });
    expect(await outbox()).toEqual([]);
  });

  it('when the mailbox lacks the send grant, then 403 ErrorAccessDenied while reading still works', async () => {
    const grant = `/_admin/tenants/${TENANT_A}/mailboxes/${SUPPORT}/grant?role=send`;
    await m.t.admin('DELETE', grant);
    try {
      const res = await sendMime(reply('Denied', 'ada@customer.example'));
      expect(errorOf(res)).toMatchObject({ status: 403, code: 'ErrorAccessDenied' });
      expect((await m.g('GET', `${U}/mailFolders/inbox`)).status).toBe(200);
      expect(await outbox()).toEqual([]);
    } finally {
      await m.t.admin('PUT', grant);
    }
  });

  it('when mail is sent, then the stats count it under its route template', async () => {
    await m.t.admin('POST', '/_admin/stats/reset');
    await sendMime(reply('Counted', 'ada@customer.example'));
    const stats = (await m.t.admin('GET', '/_admin/stats')).body as {
      byMethodAndRoute: Record<string, number>;
    };
    expect(stats.byMethodAndRoute).toMatchObject({ 'POST /users/{user-id}/sendMail': 1 });
  });
});
