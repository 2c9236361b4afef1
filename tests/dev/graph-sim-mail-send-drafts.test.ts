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

  it('when a received message is sent, then 400 and nothing leaves', async () => {
    await m.t.admin('DELETE', '/_admin/sent');
    const id = await m.deliver(mime('Received'));
    const res = await m.g('POST', `${U}/messages/${id}/send`);
    expect(errorOf(res)).toMatchObject({ status: 400, code: 'ErrorInvalidOperation' });
    expect((await m.t.admin('GET', '/_admin/sent')).body).toEqual({ value: [] });
  });
});
