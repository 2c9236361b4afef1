/**
 * Graph simulator, the $batch payload rules, each a 400 for the whole batch with nothing run: more
 * than 20 requests, ids repeated (case-insensitively), a dependency that is unknown or not earlier
 * in the array, a body without Content-Type, an unknown method, an absolute URL, no requests.
 */
import type { Client } from '@microsoft/microsoft-graph-client';

import { type TestSimulator, startTestSimulator } from '../../dev/graph-sim/testing';

const TENANT = '00000000-0000-4000-8000-00000000c0de';

let t: TestSimulator;
let client: Client;
let site: string;

beforeEach(async () => {
  t = await startTestSimulator();
  [site = ''] = await t.addTenant(TENANT, 'contoso.sharepoint.com', ['/sites/helpdesk']);
  client = t.client(TENANT);
  await client.api(`/sites/${site}/lists`).post({ displayName: 'Tickets' });
});

afterEach(() => t.close());

async function batch(
  requests: object[],
): Promise<{ status: number; answers: { status: number }[]; raw: unknown }> {
  const res = await t.graphFetch(TENANT, 'POST', '/$batch', { body: { requests } });
  const answers = (res.body as { responses?: { status: number }[] }).responses ?? [];
  return { status: res.status, answers, raw: res.body };
}

const json = { 'Content-Type': 'application/json' };
const items = (): string => `/sites/${site}/lists/Tickets/items`;

describe('$batch payload', () => {
  it('when a batch has 21 requests, then 400 for the whole batch and nothing runs; 20 are accepted', async () => {
    const post = (i: number) => ({
      id: `r${i}`,
      method: 'POST',
      url: items(),
      headers: json,
      body: { fields: { Title: `t${i}` } },
    });
    const over = await batch(Array.from({ length: 21 }, (_, i) => post(i)));
    expect(over.status).toBe(400);
    expect(over.raw).toMatchObject({ error: { code: 'BadRequest' } });
    expect((await client.api(items()).get()).value).toHaveLength(0);
    const twenty = await batch(Array.from({ length: 20 }, (_, i) => post(i)));
    expect(twenty.status).toBe(200);
    expect(twenty.answers.filter((a) => a.status === 201)).toHaveLength(20);
  });

  it('when ids repeat, a dependency is unknown or later, a body lacks Content-Type or the payload is malformed, then 400', async () => {
    const get = (id: string, extra: object = {}) => ({
      id,
      method: 'GET',
      url: `/sites/${site}`,
      ...extra,
    });
    const cases: object[][] = [
      [get('a'), get('A')],
      [get('a', { dependsOn: ['b'] }), get('b')],
      [get('a', { dependsOn: ['a'] })],
      [get('a', { dependsOn: ['nope'] })],
      [{ id: 'a', method: 'POST', url: items(), body: { fields: { Title: 'x' } } }],
      [{ id: 'a', method: 'FETCH', url: '/sites/root' }],
      [{ id: 'a', method: 'GET', url: 'https://graph.microsoft.com/v1.0/me' }],
      [],
    ];
    for (const requests of cases)
      expect({ requests, status: (await batch(requests)).status }).toEqual({
        requests,
        status: 400,
      });
    const notJson = await t.graphFetch(TENANT, 'POST', '/$batch', { body: '{', headers: json });
    expect(notJson.status).toBe(400);
  });
});
