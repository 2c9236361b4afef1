/**
 * Contract: the simulator's JSON answers validated against the shared OpenAPI subset (schemas
 * generated from Microsoft's CSDL), operation by operation, plus a check that no property outside
 * the Graph type is invented (graph-sim-openapi.ts). Uploads and batches: graph-sim-contract-files.
 */
import {
  GRAPH_SCOPE,
  TEST_APP,
  type TestSimulator,
  startTestSimulator,
} from '../../dev/graph-sim/testing';
import { ajv, component, expectValid, invented, operationSchema } from './graph-sim-openapi';

const TENANT = '00000000-0000-4000-8000-00000000c0de';

/** The few properties the test reads back from answers it has already validated. */
interface GraphBody {
  id: string;
  value: GraphBody[];
  parentReference: { id: string };
  '@odata.nextLink'?: string;
}

let t: TestSimulator;
let site: string;

beforeAll(async () => {
  t = await startTestSimulator();
  [site = ''] = await t.addTenant(TENANT, 'contoso.sharepoint.com', ['/sites/helpdesk']);
});

afterAll(() => t.close());

async function call(
  op: [string, string],
  status: number,
  path: string,
  init?: Parameters<TestSimulator['graphFetch']>[3],
): Promise<GraphBody> {
  const [method, template] = op;
  const res = await t.graphFetch(TENANT, method.toUpperCase(), path, init);
  expect({ op: `${method} ${path}`, status: res.status }).toEqual({
    op: `${method} ${path}`,
    status,
  });
  expectValid(
    operationSchema(template, method, status),
    res.body,
    `${method} ${template} ${status}`,
  );
  return res.body as GraphBody;
}

describe('contract with the OpenAPI subset', () => {
  it('when an answer has a wrong type or an invented property, then the checker says so', () => {
    const site = component('microsoft.graph.site');
    const validate = ajv.compile(site);
    expect(validate({ id: 'x', createdDateTime: 'yesterday' })).toBe(false);
    expect(
      invented(
        {
          id: 'x',
          webUrl: 'https://x',
          siteCollection: { hostname: 'h', hostName: 'typo' },
          bogus: 1,
        },
        site,
      ),
    ).toEqual(['.siteCollection.hostName', '.bogus']);
  });

  it('when sites, lists, columns, items and fields are read and written, then every answer fits its operation', async () => {
    await call(
      ['get', '/sites/{hostname}:/{server-relative-path}'],
      200,
      '/sites/contoso.sharepoint.com:/sites/helpdesk',
    );
    await call(['get', '/sites/{site-id}'], 200, `/sites/${site}`);
    const contacts = await call(['post', '/sites/{site-id}/lists'], 201, `/sites/${site}/lists`, {
      body: {
        displayName: 'Contacts',
        columns: [{ name: 'Email', text: {}, indexed: true, enforceUniqueValues: true }],
      },
    });
    const tickets = await call(['post', '/sites/{site-id}/lists'], 201, `/sites/${site}/lists`, {
      body: {
        displayName: 'Tickets',
        columns: [
          { name: 'Requester', lookup: { listId: contacts.id } },
          { name: 'Cc', lookup: { listId: contacts.id, allowMultipleValues: true } },
        ],
      },
    });
    await call(
      ['get', '/sites/{site-id}/lists'],
      200,
      `/sites/${site}/lists?$filter=displayName eq 'Tickets'`,
    );
    await call(
      ['get', '/sites/{site-id}/lists/{list-id}'],
      200,
      `/sites/${site}/lists/${tickets.id}?$expand=columns`,
    );
    await call(
      ['get', '/sites/{site-id}/lists/{list-id}/columns'],
      200,
      `/sites/${site}/lists/${tickets.id}/columns`,
    );
    await call(
      ['post', '/sites/{site-id}/lists/{list-id}/columns'],
      201,
      `/sites/${site}/lists/${tickets.id}/columns`,
      {
        body: { name: 'Priority', choice: { choices: ['Low', 'High'] } },
      },
    );
    for (const email of ['a@example.com', 'b@example.com']) {
      await call(
        ['post', '/sites/{site-id}/lists/{list-id}/items'],
        201,
        `/sites/${site}/lists/${contacts.id}/items`,
        { body: { fields: { Title: email, Email: email } } },
      );
    }
    const item = await call(
      ['post', '/sites/{site-id}/lists/{list-id}/items'],
      201,
      `/sites/${site}/lists/${tickets.id}/items`,
      {
        body: {
          fields: {
            Title: 'Printer',
            RequesterLookupId: 1,
            'CcLookupId@odata.type': 'Collection(Edm.Int32)',
            CcLookupId: [1, 2],
          },
        },
      },
    );
    const page = await call(
      ['get', '/sites/{site-id}/lists/{list-id}/items'],
      200,
      `/sites/${site}/lists/${contacts.id}/items?$expand=fields&$top=1`,
    );
    expect(page['@odata.nextLink']).toMatch(/^https:\/\//);
    const itemPath = `/sites/${site}/lists/${tickets.id}/items/${item.id}`;
    await call(
      ['get', '/sites/{site-id}/lists/{list-id}/items/{listItem-id}'],
      200,
      `${itemPath}?$expand=fields($select=Title,Requester)`,
    );
    await call(
      ['get', '/sites/{site-id}/lists/{list-id}/items/{listItem-id}/fields'],
      200,
      `${itemPath}/fields`,
    );
    await call(
      ['patch', '/sites/{site-id}/lists/{list-id}/items/{listItem-id}/fields'],
      200,
      `${itemPath}/fields`,
      { body: { Priority: 'High' } },
    );
    await call(['patch', '/sites/{site-id}/lists/{list-id}/items/{listItem-id}'], 200, itemPath, {
      body: { fields: { Priority: 'Low' } },
    });
  });

  it('when drives and files are read and written, then every answer fits its operation or its Graph type', async () => {
    const drives = await call(['get', '/sites/{site-id}/drives'], 200, `/sites/${site}/drives`);
    const drive = await call(['get', '/sites/{site-id}/drive'], 200, `/sites/${site}/drive`);
    expect(drives.value[0]?.id).toBe(drive.id);
    const upload = {
      body: Buffer.from('hello'),
      headers: { 'content-type': 'application/octet-stream' },
    };
    const file = await call(
      ['put', '/drives/{drive-id}/root:/{item-path}:/content'],
      201,
      `/drives/${drive.id}/root:/7/mail.eml:/content`,
      upload,
    );
    await call(
      ['put', '/drives/{drive-id}/root:/{item-path}:/content'],
      200,
      `/drives/${drive.id}/root:/7/mail.eml:/content`,
      upload,
    );
    await call(
      ['put', '/drives/{drive-id}/items/{parent-id}:/{filename}:/content'],
      201,
      `/drives/${drive.id}/items/${file.parentReference.id}:/b.txt:/content`,
      upload,
    );
    await call(
      ['put', '/sites/{site-id}/drive/items/{parent-id}:/{filename}:/content'],
      201,
      `/sites/${site}/drive/items/${file.parentReference.id}:/c.txt:/content`,
      upload,
    );
    for (const path of [
      `/drives/${drive.id}/items/${file.id}`,
      `/drives/${drive.id}/root`,
      `/drives/${drive.id}/root:/7`,
    ]) {
      const res = await t.graphFetch(TENANT, 'GET', path);
      expectValid(component('microsoft.graph.driveItem'), res.body, `GET ${path}`);
    }
    const children = await t.graphFetch(TENANT, 'GET', `/drives/${drive.id}/root:/7:/children`);
    expectValid(
      {
        type: 'object',
        properties: { value: { type: 'array', items: component('microsoft.graph.driveItem') } },
      },
      children.body,
      'children',
    );
  });

  it('when Graph refuses (404, 400, 409, 412, 401, 429), then the body is the OData error envelope', async () => {
    await call(
      ['get', '/sites/{hostname}:/{server-relative-path}'],
      404,
      '/sites/contoso.sharepoint.com:/sites/none',
    );
    const list = await call(['post', '/sites/{site-id}/lists'], 201, `/sites/${site}/lists`, {
      body: {
        displayName: 'Keys',
        columns: [
          { name: 'MailKey', text: {}, indexed: true, enforceUniqueValues: true },
          { name: 'Note', text: {} },
        ],
      },
    });
    const items = `/sites/${site}/lists/${list.id}/items`;
    await call(
      ['get', '/sites/{site-id}/lists/{list-id}/items'],
      400,
      `${items}?$filter=fields/Note eq 'x'`,
    );
    const item = await call(['post', '/sites/{site-id}/lists/{list-id}/items'], 201, items, {
      body: { fields: { MailKey: 'k' } },
    });
    await call(['post', '/sites/{site-id}/lists/{list-id}/items'], 400, items, {
      body: { fields: { MailKey: 'k' } },
    });
    await call(
      ['patch', '/sites/{site-id}/lists/{list-id}/items/{listItem-id}/fields'],
      412,
      `${items}/${item.id}/fields`,
      {
        body: { Note: 'x' },
        headers: { 'if-match': '"00000000-0000-0000-0000-000000000000,9"' },
      },
    );
    const unauthenticated = await fetch(`${t.url}/v1.0/sites/${site}`);
    expect(unauthenticated.status).toBe(401);
    expectValid(
      operationSchema('/sites/{site-id}', 'get', 401),
      await unauthenticated.json(),
      '401',
    );
    await t.admin('PUT', '/_admin/faults', { rate: 1, status: 429, retryAfterSeconds: 1 });
    await call(['get', '/sites/{site-id}'], 429, `/sites/${site}`);
    await t.admin('PUT', '/_admin/faults', { rate: 0 });
  });

  it('when the token endpoint answers, then success and refusals fit token.response and token.error', async () => {
    const token = async (
      secret: string,
      scope = GRAPH_SCOPE,
    ): Promise<{ status: number; body: unknown }> => {
      const res = await fetch(`${t.url}/${TENANT}/oauth2/v2.0/token`, {
        method: 'POST',
        body: new URLSearchParams({
          grant_type: 'client_credentials',
          client_id: TEST_APP.clientId,
          client_secret: secret,
          scope,
        }),
      });
      return { status: res.status, body: await res.json() };
    };
    const ok = await token(TEST_APP.clientSecret);
    expect(ok.status).toBe(200);
    expectValid(operationSchema('/{tenant}/oauth2/v2.0/token', 'post', 200), ok.body, 'token 200');
    const badSecret = await token('nope');
    expectValid(
      operationSchema('/{tenant}/oauth2/v2.0/token', 'post', badSecret.status),
      badSecret.body,
      'token 401',
    );
    const badScope = await token(TEST_APP.clientSecret, 'https://graph.microsoft.com/User.Read');
    expectValid(
      operationSchema('/{tenant}/oauth2/v2.0/token', 'post', badScope.status),
      badScope.body,
      'token 400',
    );
  });
});
