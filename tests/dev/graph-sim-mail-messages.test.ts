/**
 * Graph simulator, Exchange messages: delivery into the Inbox, listing with $select and paging,
 * one message and its MIME, PATCH of read state and categories (other properties refused), and
 * moves: a new default id each time, the immutable id kept (docs/graph.md "Exchange Online").
 */
import { GRAPH_SCOPE } from '../../dev/graph-sim/testing';
import {
  IMMUTABLE,
  type MailSim,
  SUPPORT,
  TENANT_A,
  errorOf,
  mime,
  startMailSim,
} from './graph-sim-mail-kit';

let m: MailSim;

beforeEach(async () => {
  m = await startMailSim();
});

afterEach(() => m.t.close());

interface Message {
  id: string;
  subject: string;
  isRead: boolean;
  categories: string[];
  parentFolderId: string;
  internetMessageId: string;
  from: { emailAddress: { address: string; name: string } };
}

const MESSAGES = `/users/${SUPPORT}/mailFolders/inbox/messages`;

describe('messages', () => {
  it('when mail is delivered, then the Inbox lists it newest first with the fields of its headers', async () => {
    const id = await m.deliver(mime('First'));
    const res = await m.g('GET', MESSAGES, { headers: IMMUTABLE });
    const [message] = (res.body as { value: Message[] }).value;
    expect(message).toMatchObject({
      id,
      subject: 'First',
      isRead: false,
      categories: [],
      internetMessageId: '<First@customer.example>',
      from: { emailAddress: { address: 'ada@customer.example', name: 'Ada Customer' } },
    });
    const inbox = await m.g('GET', `/users/${SUPPORT}/mailFolders/inbox`);
    expect(inbox.body).toMatchObject({ totalItemCount: 1, unreadItemCount: 1 });
  });

  it('when messages are listed with $select and $top, then pages carry only the selection and an absolute nextLink', async () => {
    for (const n of [1, 2, 3]) await m.deliver(mime(`Mail ${n}`));
    const first = await m.g('GET', `${MESSAGES}?$select=subject&$top=2`);
    const page = first.body as { value: object[]; '@odata.nextLink': string };
    expect(page.value).toHaveLength(2);
    for (const v of page.value)
      expect(Object.keys(v).sort()).toEqual(['@odata.etag', 'id', 'subject']);
    const next = await m.g('GET', page['@odata.nextLink'].slice(`${m.t.url}/v1.0`.length));
    expect((next.body as { value: object[] }).value).toHaveLength(1);
    const bad = await m.g('GET', `${MESSAGES}?$select=nope`);
    expect(bad.status).toBe(400);
  });

  it('when internetMessageHeaders is selected, then the header fields are shown; unselected, never', async () => {
    const id = await m.deliver(mime('Heads', ['Precedence: bulk']));
    const path = `/users/${SUPPORT}/messages/${id}`;
    const one = await m.g('GET', `${path}?$select=subject,internetMessageHeaders`, {
      headers: IMMUTABLE,
    });
    const heads = (one.body as { internetMessageHeaders: Array<{ name: string; value: string }> })
      .internetMessageHeaders;
    expect(heads).toContainEqual({ name: 'precedence', value: 'bulk' });
    const plain = await m.g('GET', path, { headers: IMMUTABLE });
    expect(plain.body).not.toHaveProperty('internetMessageHeaders');
  });

  it('when a message is filtered by internetMessageId, then only that one is listed', async () => {
    await m.deliver(mime('One'));
    await m.deliver(mime('Two'));
    const filter = encodeURIComponent("internetMessageId eq '<Two@customer.example>'");
    const res = await m.g('GET', `${MESSAGES}?$filter=${filter}`);
    expect((res.body as { value: Message[] }).value.map((v) => v.subject)).toEqual(['Two']);
  });

  it('when a message and its $value are read, then the MIME is the bytes delivered', async () => {
    const raw = mime('Bytes', ['X-Extra: ü']);
    const id = await m.deliver(raw);
    const one = await m.g('GET', `/users/${SUPPORT}/messages/${id}`, { headers: IMMUTABLE });
    expect((one.body as Message).subject).toBe('Bytes');
    const token = await m.t.credential(TENANT_A).getToken(GRAPH_SCOPE);
    const value = await fetch(`${m.t.url}/v1.0/users/${m.userId}/messages/${id}/$value`, {
      headers: { authorization: `Bearer ${token?.token ?? ''}` },
    });
    expect(value.status).toBe(200);
    expect(value.headers.get('content-type')).toBe('message/rfc822');
    expect(Buffer.from(await value.arrayBuffer()).equals(Buffer.from(raw))).toBe(true);
  });

  it('when a message is patched, then read state and categories change and other properties are refused', async () => {
    const id = await m.deliver(mime('Patch me'));
    const res = await m.g('PATCH', `/users/${SUPPORT}/messages/${id}`, {
      body: { isRead: true, categories: ['Helpdesk: loop'] },
      headers: IMMUTABLE,
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id, isRead: true, categories: ['Helpdesk: loop'] });
    const subject = await m.g('PATCH', `/users/${SUPPORT}/messages/${id}`, {
      body: { subject: 'x' },
    });
    expect(errorOf(subject)).toMatchObject({
      status: 400,
      code: 'ErrorInvalidPropertyUpdateSentMessage',
    });
    const unknown = await m.g('PATCH', `/users/${SUPPORT}/messages/${id}`, { body: { nope: 1 } });
    expect(unknown.status).toBe(400);
    expect((await m.adminMessages())[0]?.categories).toEqual(['Helpdesk: loop']);
  });

  it('when a message is moved with immutable ids, then its id stays and it is in the destination', async () => {
    const id = await m.deliver(mime('Keep id'));
    const helpdesk = await m.g('POST', `/users/${SUPPORT}/mailFolders/msgfolderroot/childFolders`, {
      body: { displayName: 'Helpdesk' },
    });
    const parent = (helpdesk.body as { id: string }).id;
    const processed = await m.g('POST', `/users/${SUPPORT}/mailFolders/${parent}/childFolders`, {
      body: { displayName: 'Processed' },
    });
    const destinationId = (processed.body as { id: string }).id;
    const moved = await m.g('POST', `/users/${SUPPORT}/messages/${id}/move`, {
      body: { destinationId },
      headers: IMMUTABLE,
    });
    expect(moved.status).toBe(201);
    expect(moved.body).toMatchObject({ id, parentFolderId: destinationId });
    expect((await m.g('GET', `/users/${SUPPORT}/messages/${id}`)).status).toBe(200);
    expect(await m.adminMessages()).toEqual([
      expect.objectContaining({ id, folder: 'Helpdesk/Processed' }),
    ]);
  });

  it('when a message is moved without immutable ids, then it has a new id and the old one is gone', async () => {
    await m.deliver(mime('New id'));
    const listed = await m.g('GET', MESSAGES);
    const oldId = (listed.body as { value: Message[] }).value[0]?.id ?? '';
    const moved = await m.g('POST', `/users/${SUPPORT}/messages/${oldId}/move`, {
      body: { DestinationId: 'archive' },
    });
    expect(moved.status).toBe(201);
    const newId = (moved.body as Message).id;
    expect(newId).not.toBe(oldId);
    expect(errorOf(await m.g('GET', `/users/${SUPPORT}/messages/${oldId}`))).toMatchObject({
      status: 404,
      code: 'ErrorItemNotFound',
    });
    expect((await m.g('GET', `/users/${SUPPORT}/messages/${newId}`)).status).toBe(200);
    expect((await m.adminMessages())[0]?.folder).toBe('Archive');
    const nowhere = await m.g('POST', `/users/${SUPPORT}/messages/${newId}/move`, {
      body: { destinationId: 'AAMkAGnope' },
    });
    expect(nowhere.status).toBe(404);
  });
});
