/**
 * Graph simulator, drafts: one made from MIME or JSON is in Drafts (201, a message fitting the
 * OpenAPI subset), and sending it moves it to Sent Items under the same immutable id and
 * delivers it; a message that is no draft cannot be sent, nor a draft without Mail.Send.
 */
import type { SentMail } from '../../dev/graph-sim/mail/sendOutbox';
import {
  IMMUTABLE,
  type MailSim,
  SUPPORT,
  TENANT_A,
  errorOf,
  mime,
  startMailSim,
} from './graph-sim-mail-kit';
import { expectValid, operationSchema } from './graph-sim-openapi';

let m: MailSim;
const U = `/users/${SUPPORT}`;
const SEND_GRANT = `/_admin/tenants/${TENANT_A}/mailboxes/${SUPPORT}/grant?role=send`;

beforeAll(async () => {
  m = await startMailSim();
  await m.t.admin('PUT', SEND_GRANT);
});

afterAll(() => m.t.close());

interface Draft {
  id: string;
  isDraft: boolean;
  parentFolderId: string;
  internetMessageId: string;
  subject: string;
}

async function draftOf(body: unknown, headers: Record<string, string> = {}): Promise<Draft> {
  const res = await m.g('POST', `${U}/messages`, { body, headers: { ...IMMUTABLE, ...headers } });
  expect(res.status).toBe(201);
  expectValid(operationSchema('/users/{user-id}/messages', 'post', 201), res.body, 'draft');
  return res.body as Draft;
}

const folderId = async (name: string): Promise<string> =>
  ((await m.g('GET', `${U}/mailFolders/${name}`)).body as { id: string }).id;

describe('drafts', () => {
  it('when a MIME draft is made and sent, then it moves to Sent Items under its id and the outside recipient gets it', async () => {
    const raw = mime('Large reply', [`From: ${SUPPORT}`]).replace(
      /^From: "Ada Customer".*\r\n/m,
      '',
    );
    const text = { 'content-type': 'text/plain' };
    const draft = await draftOf(
      Buffer.from(raw.replace(/^To: .*$/m, 'To: ada@customer.example')).toString('base64'),
      text,
    );
    expect(draft).toMatchObject({ isDraft: true, parentFolderId: await folderId('drafts') });
    expect(
      (await m.g('POST', `${U}/messages/${draft.id}/send`, { headers: IMMUTABLE })).status,
    ).toBe(202);
    const after = await m.g('GET', `${U}/messages/${draft.id}`, { headers: IMMUTABLE });
    expect(after.body).toMatchObject({
      id: draft.id,
      isDraft: false,
      parentFolderId: await folderId('sentitems'),
      internetMessageId: '<Largereply@customer.example>',
    });
    const sent = (await m.t.admin('GET', '/_admin/sent')).body as { value: SentMail[] };
    expect(sent.value).toEqual([
      expect.objectContaining({
        to: ['ada@customer.example'],
        internetMessageId: '<Largereply@customer.example>',
      }),
    ]);
  });

  it('when a JSON draft is made, then it has the subject and a Message-ID, and without Mail.Send it cannot be sent', async () => {
    const draft = await draftOf({
      subject: 'Draft by JSON',
      body: { contentType: 'Text', content: 'Hello' },
      toRecipients: [{ emailAddress: { address: 'bo@customer.example' } }],
    });
    expect(draft).toMatchObject({ isDraft: true, subject: 'Draft by JSON' });
    expect(draft.internetMessageId).toMatch(/^<.+@.+>$/);
    await m.t.admin('DELETE', SEND_GRANT);
    try {
      const res = await m.g('POST', `${U}/messages/${draft.id}/send`);
      expect(errorOf(res)).toMatchObject({ status: 403, code: 'ErrorAccessDenied' });
    } finally {
      await m.t.admin('PUT', SEND_GRANT);
    }
  });

  it('when a file is uploaded to a draft in two fragments and the draft is sent, then the mail carries it as an attachment', async () => {
    await m.t.admin('DELETE', '/_admin/sent');
    const draft = await draftOf({
      subject: 'With a file',
      body: { contentType: 'HTML', content: '<p>See the file.</p>' },
      toRecipients: [{ emailAddress: { address: 'ada@customer.example' } }],
    });
    const file = Buffer.from('%PDF-1.7 simulated report');
    const res = await m.g('POST', `${U}/messages/${draft.id}/attachments/createUploadSession`, {
      body: {
        AttachmentItem: { attachmentType: 'file', name: 'Bericht März.pdf', size: file.length },
      },
    });
    expect(res.status).toBe(201);
    const op = '/users/{user-id}/messages/{message-id}/attachments/createUploadSession';
    expectValid(operationSchema(op, 'post', 201), res.body, 'attachment upload session');
    const { uploadUrl } = res.body as { uploadUrl: string };
    const put = (a: number, b: number, auth?: string): Promise<Response> =>
      fetch(uploadUrl, {
        method: 'PUT',
        headers: {
          'content-type': 'application/octet-stream',
          'content-range': `bytes ${a}-${b - 1}/${file.length}`,
          ...(auth ? { authorization: auth } : {}),
        },
        body: file.subarray(a, b),
      });
    expect((await put(0, 10, 'Bearer x')).status).toBe(401);
    const middle = await put(0, 10);
    expect(middle.status).toBe(200);
    expect(await middle.json()).toMatchObject({ nextExpectedRanges: ['10-'] });
    const last = await put(10, file.length);
    expect(last.status).toBe(201);
    expect(last.headers.get('location')).toMatch(/\/attachments\('.+'\)$/);
    expect((await m.g('POST', `${U}/messages/${draft.id}/send`)).status).toBe(202);
    const [sent] = ((await m.t.admin('GET', '/_admin/sent')).body as { value: SentMail[] }).value;
    const raw = Buffer.from(sent?.raw ?? '', 'base64').toString('utf8');
    expect(raw).toMatch(/^Content-Type: multipart\/mixed/m);
    expect(raw).toContain('<p>See the file.</p>');
    expect(raw).toContain(file.toString('base64'));
    expect(raw).toContain("filename*0*=utf-8''Bericht%20M%C3%A4rz.pdf");
    expect(raw.match(/^Message-ID: (.+)$/m)?.[1]?.trim()).toBe(sent?.internetMessageId);
  });

  it('when a received message is sent, then 400 and nothing leaves', async () => {
    await m.t.admin('DELETE', '/_admin/sent');
    const id = await m.deliver(mime('Received'));
    const res = await m.g('POST', `${U}/messages/${id}/send`);
    expect(errorOf(res)).toMatchObject({ status: 400, code: 'ErrorInvalidOperation' });
    expect((await m.t.admin('GET', '/_admin/sent')).body).toEqual({ value: [] });
  });
});
