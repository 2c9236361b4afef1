/**
 * Graph simulator, JSON batching: requests run through the same routes as direct calls with the
 * batch's token, answers are matched by id (their order is not the requests'), dependsOn gives 424
 * to dependents of a failure, and the fault knob throttles single requests inside a batch that
 * itself answers 200. The Graph SDK's batch classes work against it. Payload rules:
 * graph-sim-batch-payload.
 */
import {
  BatchRequestContent,
  BatchResponseContent,
  type Client,
} from '@microsoft/microsoft-graph-client';

import { type TestSimulator, startTestSimulator } from '../../dev/graph-sim/testing';

const TENANT = '00000000-0000-4000-8000-00000000c0de';
const OTHER_TENANT = '00000000-0000-4000-8000-0000000000b2';

interface Answer {
  id: string;
  status: number;
  headers?: Record<string, string>;
  body?: Record<string, unknown> & { error?: { code: string } };
}

let t: TestSimulator;
let client: Client;
let site: string;
let otherSite: string;

beforeEach(async () => {
  t = await startTestSimulator();
  [site = ''] = await t.addTenant(TENANT, 'contoso.sharepoint.com', ['/sites/helpdesk']);
  [otherSite = ''] = await t.addTenant(OTHER_TENANT, 'fabrikam.sharepoint.com', ['/sites/hd']);
  client = t.client(TENANT);
  await client.api(`/sites/${site}/lists`).post({ displayName: 'Tickets' });
});

afterEach(() => t.close());

async function batch(
  requests: object[],
): Promise<{ status: number; answers: Answer[]; raw: unknown }> {
  const res = await t.graphFetch(TENANT, 'POST', '/$batch', { body: { requests } });
  const answers = (res.body as { responses?: Answer[] }).responses ?? [];
  return { status: res.status, answers, raw: res.body };
}

const byId = (answers: Answer[], id: string): Answer => {
  const answer = answers.find((a) => a.id === id);
  if (!answer) throw new Error(`no answer for ${id}`);
  return answer;
};

const json = { 'Content-Type': 'application/json' };
const items = (): string => `/sites/${site}/lists/Tickets/items`;

describe('$batch', () => {
  it('when a batch reads and writes, then each answer carries its own status, headers and body, matched by id', async () => {
    const { status, answers } = await batch([
      { id: 'site', method: 'GET', url: `/sites/${site}` },
      {
        id: 'a',
        method: 'POST',
        url: items(),
        headers: json,
        body: { fields: { Title: 'first' } },
      },
      {
        id: 'b',
        method: 'POST',
        url: items(),
        headers: json,
        body: { fields: { Title: 'second' } },
        dependsOn: ['a'],
      },
      { id: 'page', method: 'GET', url: `${items()}?$expand=fields&$top=1`, dependsOn: ['b'] },
    ]);
    expect(status).toBe(200);
    expect(answers.map((a) => a.id).sort()).toEqual(['a', 'b', 'page', 'site']);
    expect(answers.map((a) => a.id)).not.toEqual(['site', 'a', 'b', 'page']);
    expect(byId(answers, 'site')).toMatchObject({ status: 200, body: { id: site } });
    expect(byId(answers, 'a')).toMatchObject({
      status: 201,
      body: { id: '1', fields: { Title: 'first' } },
    });
    expect(byId(answers, 'b')).toMatchObject({ status: 201, body: { id: '2' } });
    expect(byId(answers, 'a').headers?.['Content-Type']).toMatch(/^application\/json;/);
    const page = byId(answers, 'page').body as { value: unknown[]; '@odata.nextLink': string };
    expect(page.value).toHaveLength(1);
    expect(page['@odata.nextLink']).toMatch(new RegExp(`^${t.url}/v1\\.0/sites/`));
    const direct = await client.api(items()).expand('fields').get();
    expect(direct.value.map((i: { fields: { Title: string } }) => i.fields.Title)).toEqual([
      'first',
      'second',
    ]);
  });

  it('when a request fails, then its dependents get 424 without running and independent requests still run', async () => {
    const { status, answers } = await batch([
      { id: '1', method: 'GET', url: `/sites/${site}/lists/Nowhere` },
      {
        id: '2',
        method: 'POST',
        url: items(),
        headers: json,
        body: { fields: { Title: 'x' } },
        dependsOn: ['1'],
      },
      { id: '3', method: 'GET', url: `/sites/${site}`, dependsOn: ['2'] },
      { id: '4', method: 'POST', url: items(), headers: json, body: { fields: { Title: 'y' } } },
    ]);
    expect(status).toBe(200);
    expect(byId(answers, '1').status).toBe(404);
    expect(byId(answers, '2')).toMatchObject({
      status: 424,
      body: { error: { code: 'FailedDependency' } },
    });
    expect(byId(answers, '3').status).toBe(424);
    expect(byId(answers, '4').status).toBe(201);
    const titles = (await client.api(items()).expand('fields').get()).value.map(
      (i: { fields: { Title: string } }) => i.fields.Title,
    );
    expect(titles).toEqual(['y']);
  });

  it('when the fault knob is on, then single requests inside the batch are 429 with Retry-After while the batch is 200', async () => {
    await t.graphFetch(TENANT, 'GET', `/sites/${site}`); // the token is fetched before faults start
    await t.admin('POST', '/_admin/stats/reset');
    await t.admin('PUT', '/_admin/faults', { rate: 0.5, status: 429, retryAfterSeconds: 1.5 });
    const { status, answers } = await batch(
      ['1', '2', '3', '4'].map((id) => ({ id, method: 'GET', url: `/sites/${site}` })),
    );
    expect(status).toBe(200);
    expect(['1', '2', '3', '4'].map((id) => byId(answers, id).status)).toEqual([
      200, 429, 200, 429,
    ]);
    const throttled = byId(answers, '2');
    expect(throttled.headers?.['Retry-After']).toBe('1.5');
    expect(throttled.body).toMatchObject({
      error: { code: 'activityLimitReached', innerError: { code: 'throttledRequest' } },
    });
    const stats = (await t.admin('GET', '/_admin/stats')).body as {
      requests: number;
      byMethodAndRoute: Record<string, number>;
    };
    expect(stats.byMethodAndRoute).toEqual({ 'POST /$batch': 1, 'GET /sites/{site-id}': 4 });
  });

  it("when the batch's token is missing, then 401 for the batch; another tenant's site inside it is 403 for that request", async () => {
    const unauthenticated = await fetch(`${t.url}/v1.0/$batch`, {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ requests: [{ id: '1', method: 'GET', url: `/sites/${site}` }] }),
    });
    expect(unauthenticated.status).toBe(401);
    const { answers } = await batch([
      { id: 'mine', method: 'GET', url: `/sites/${site}` },
      {
        id: 'theirs',
        method: 'GET',
        url: `/sites/${otherSite}`,
        headers: { Authorization: 'Bearer ignored' },
      },
    ]);
    expect(byId(answers, 'mine').status).toBe(200);
    expect(byId(answers, 'theirs').status).toBe(403);
  });

  it('when a file is put and read inside a batch, then binary bodies travel as base64 with their Content-Type', async () => {
    const drive = await client.api(`/sites/${site}/drive`).get();
    const content = `/drives/${drive.id}/root:/b/x.txt:/content`;
    const { answers } = await batch([
      {
        id: 'put',
        method: 'PUT',
        url: content,
        headers: { 'Content-Type': 'text/plain' },
        body: Buffer.from('hello').toString('base64'),
      },
      { id: 'get', method: 'GET', url: content, dependsOn: ['put'] },
    ]);
    expect(byId(answers, 'put')).toMatchObject({ status: 201, body: { name: 'x.txt', size: 5 } });
    const got = byId(answers, 'get');
    expect(got.headers?.['Content-Type']).toBe('text/plain');
    expect(Buffer.from(got.body as unknown as string, 'base64').toString()).toBe('hello');
  });

  it("when the Graph SDK's BatchRequestContent is posted, then BatchResponseContent reads each answer by id", async () => {
    const content = new BatchRequestContent([
      { id: '1', request: new Request(`${t.url}/sites/${site}`, { method: 'GET' }) },
      {
        id: '2',
        request: new Request(`${t.url}${items()}`, {
          method: 'POST',
          headers: json,
          body: JSON.stringify({ fields: { Title: 'sdk' } }),
        }),
        dependsOn: ['1'],
      },
    ]);
    const response = new BatchResponseContent(
      await client.api('/$batch').post(await content.getContent()),
    );
    expect(response.getResponseById('1').status).toBe(200);
    const created = response.getResponseById('2');
    expect(created.status).toBe(201);
    expect(await created.json()).toMatchObject({ fields: { Title: 'sdk' } });
  });
});
