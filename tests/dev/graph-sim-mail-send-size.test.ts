/**
 * Graph simulator, the size of a message request: Graph takes about 4 MB a request and answers
 * 413 above it. sendMail's and a MIME draft's body is the base64 of the whole message, so the
 * limit falls on the base64 (4 MiB here), not on the MIME: a MIME of 3 MiB is the largest that
 * goes in one request.
 */
import { type MailSim, SUPPORT, TENANT_A, errorOf, startMailSim } from './graph-sim-mail-kit';

let m: MailSim;
const U = `/users/${SUPPORT}`;
const LIMIT = 4 * 1024 * 1024;

beforeAll(async () => {
  m = await startMailSim();
  await m.t.admin('PUT', `/_admin/tenants/${TENANT_A}/mailboxes/${SUPPORT}/grant?role=send`);
});

afterAll(() => m.t.close());

/** A MIME message whose base64 is exactly `base64Bytes` long (a multiple of 4). */
function mimeOfBase64Length(base64Bytes: number, subject: string): string {
  const head = [
    `From: ${SUPPORT}`,
    'To: ada@customer.example',
    `Subject: ${subject}`,
    `Message-ID: <${subject}@contoso.com>`,
    'Content-Type: text/plain; charset=utf-8',
    '',
    '',
  ].join('\r\n');
  const rawBytes = (base64Bytes / 4) * 3;
  const lines = 'x'.repeat(76) + '\r\n';
  const body = lines.repeat(Math.ceil(rawBytes / lines.length)).slice(0, rawBytes - head.length);
  const raw = Buffer.from(head + body).toString('base64');
  expect(raw).toHaveLength(base64Bytes);
  return raw;
}

const post = (path: string, body: string) =>
  m.g('POST', `${U}/${path}`, { body, headers: { 'content-type': 'text/plain' } });

describe('message request size', () => {
  it('when sendMail carries 4 MiB of base64, then 202; 4 bytes more, then 413 and nothing is sent', async () => {
    await m.t.admin('DELETE', '/_admin/sent');
    expect((await post('sendMail', mimeOfBase64Length(LIMIT, 'fits'))).status).toBe(202);
    const over = await post('sendMail', mimeOfBase64Length(LIMIT + 4, 'over'));
    expect(over.status).toBe(413);
    expect(errorOf(over).code).toBe('requestTooLarge');
    const sent = (await m.t.admin('GET', '/_admin/sent')).body as { value: { subject: string }[] };
    expect(sent.value.map((s) => s.subject)).toEqual(['fits']);
  });

  it('when a MIME draft carries 4 MiB of base64, then 201; 4 bytes more, then 413', async () => {
    expect((await post('messages', mimeOfBase64Length(LIMIT, 'draftfits'))).status).toBe(201);
    const over = await post('messages', mimeOfBase64Length(LIMIT + 4, 'draftover'));
    expect(over.status).toBe(413);
    expect(errorOf(over).code).toBe('requestTooLarge');
  });
});
