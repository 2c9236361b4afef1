/**
 * Contract: the simulated mailboxes' JSON (message, mailFolder, their collections, a delta page
 * with a removal) validated against the shared OpenAPI subset operation by operation, plus the
 * check that no property outside the Graph type is invented (graph-sim-openapi.ts).
 */
import type { RawResponse } from '../../dev/graph-sim/testing';
import { IMMUTABLE, type MailSim, SUPPORT, mime, startMailSim } from './graph-sim-mail-kit';
import { component, expectValid, operationSchema } from './graph-sim-openapi';

let m: MailSim;

beforeAll(async () => {
  m = await startMailSim();
});

afterAll(() => m.t.close());

interface Body {
  id: string;
  '@odata.deltaLink'?: string;
}

/** A call that must answer `status` with a body fitting the operation's schema. */
async function call(
  [method, template]: [string, string],
  status: number,
  path: string,
  body?: unknown,
): Promise<Body> {
  const res: RawResponse = await m.g(method.toUpperCase(), path, {
    headers: IMMUTABLE,
    ...(body === undefined ? {} : { body }),
  });
  expect({ op: `${method} ${path}`, status: res.status }).toEqual({
    op: `${method} ${path}`,
    status,
  });
  expectValid(
    operationSchema(template, method, status),
    res.body,
    `${method} ${template} ${status}`,
  );
  return res.body as Body;
}

const U = `/users/${SUPPORT}`;
const FOLDERS = '/users/{user-id}/mailFolders';
const CHILDREN = '/users/{user-id}/mailFolders/{mailFolder-id}/childFolders';
const MESSAGE = '/users/{user-id}/messages/{message-id}';

describe('mail contract with the OpenAPI subset', () => {
  it('when folders are listed, read and created, then every answer fits its operation', async () => {
    await call(['get', FOLDERS], 200, `${U}/mailFolders`);
    const helpdesk = await call(
      ['post', CHILDREN],
      201,
      `${U}/mailFolders/msgfolderroot/childFolders`,
      {
        displayName: 'Helpdesk',
      },
    );
    await call(['get', CHILDREN], 200, `${U}/mailFolders/msgfolderroot/childFolders`);
    await call(['post', CHILDREN], 409, `${U}/mailFolders/msgfolderroot/childFolders`, {
      displayName: 'Helpdesk',
    });
    const one = await m.g('GET', `${U}/mailFolders/${helpdesk.id}`);
    expectValid(component('microsoft.graph.mailFolder'), one.body, 'GET one mailFolder');
  });

  it('when messages are listed, read, patched, moved and synced, then every answer fits its operation', async () => {
    const id = await m.deliver(mime('Contract', ['Cc: "Bo" <bo@customer.example>']));
    await call(
      ['get', '/users/{user-id}/mailFolders/{mailFolder-id}/messages'],
      200,
      `${U}/mailFolders/inbox/messages`,
    );
    await call(['get', MESSAGE], 200, `${U}/messages/${id}`);
    await call(['patch', MESSAGE], 200, `${U}/messages/${id}`, {
      isRead: true,
      categories: ['Ticket'],
    });
    await call(['patch', MESSAGE], 400, `${U}/messages/${id}`, { subject: 'no' });
    const delta = '/users/{user-id}/mailFolders/{mailFolder-id}/messages/delta';
    const first = await call(['get', delta], 200, `${U}/mailFolders/inbox/messages/delta`);
    await call(
      ['post', '/users/{user-id}/messages/{message-id}/move'],
      201,
      `${U}/messages/${id}/move`,
      {
        destinationId: 'archive',
      },
    );
    const link = first['@odata.deltaLink'] ?? '';
    await call(['get', delta], 200, link.slice(`${m.t.url}/v1.0`.length));
    await m.t.admin('POST', `/_admin/mailboxes/${SUPPORT}/delta/reset`);
    await call(['get', delta], 410, link.slice(`${m.t.url}/v1.0`.length));
  });
});
