/**
 * Graph simulator, SharePoint's resource-unit budget: Microsoft's cost per request (a read 1, a
 * query 2, a write 2, a $batch the sum of its requests), 429 with Retry-After once a window is
 * spent, the RateLimit headers from 80 % of the minute's budget on, per app per tenant. The
 * budget's clock is manual here, so no outcome depends on how fast the machine is.
 */
import {
  type RawResponse,
  type TestSimulator,
  startTestSimulator,
} from '../../dev/graph-sim/testing';

const TENANT = '00000000-0000-4000-8000-00000000c0de';
const OTHER = '00000000-0000-4000-8000-0000000000b2';

let t: TestSimulator;
let items: string;
let otherItems: string;

beforeEach(async () => {
  t = await startTestSimulator();
  const [site = ''] = await t.addTenant(TENANT, 'contoso.sharepoint.com', ['/sites/helpdesk']);
  const [other = ''] = await t.addTenant(OTHER, 'fabrikam.sharepoint.com', ['/sites/hd']);
  for (const [tenant, s] of [
    [TENANT, site],
    [OTHER, other],
  ] as const) {
    const list = await t.graphFetch(tenant, 'POST', `/sites/${s}/lists`, {
      body: { displayName: 'Tickets' },
    });
    const path = `/sites/${s}/lists/${(list.body as { id: string }).id}/items`;
    if (tenant === TENANT) items = path;
    else otherItems = path;
  }
});

afterEach(() => t.close());

interface Usage {
  tenantId: string;
  minuteUsed: number;
  charged: number;
  throttled: number;
}

async function budget(config: object): Promise<RawResponse> {
  return t.admin('PUT', '/_admin/budget', config);
}

async function usage(tenant = TENANT): Promise<Usage | undefined> {
  const res = await t.admin('GET', '/_admin/budget');
  return (res.body as { usage: Usage[] }).usage.find((u) => u.tenantId === tenant);
}

const create = (path = items, tenant = TENANT): Promise<RawResponse> =>
  t.graphFetch(tenant, 'POST', path, { body: { fields: { Title: 'x' } } });

/** RU the simulator charged for `work`. */
async function cost(work: () => Promise<unknown>): Promise<number> {
  const before = (await usage())?.charged ?? 0;
  await work();
  return ((await usage())?.charged ?? 0) - before;
}

describe('resource-unit budget', () => {
  it('when off (the default), then nothing is charged and no RateLimit header is sent', async () => {
    for (let i = 0; i < 5; i++) expect((await create()).status).toBe(201);
    expect((await create()).headers.get('ratelimit-limit')).toBeNull();
    expect((await t.admin('GET', '/_admin/budget')).body).toEqual({ off: true, usage: [] });
  });

  it("charges Microsoft's costs: a create 2, an item read 1, a query 2, a $batch of 3 creates 6", async () => {
    await budget({ tier: 'small', manualClock: true });
    let id = '';
    expect(await cost(async () => (id = ((await create()).body as { id: string }).id))).toBe(2);
    expect(await cost(() => t.graphFetch(TENANT, 'GET', `${items}/${id}`))).toBe(1);
    expect(await cost(() => t.graphFetch(TENANT, 'GET', `${items}/${id}/fields`))).toBe(1);
    const query = `${items}?$filter=fields/Title eq 'x'`;
    expect(await cost(() => t.graphFetch(TENANT, 'GET', query))).toBe(2);
    const patch = { body: { Title: 'y' } };
    expect(await cost(() => t.graphFetch(TENANT, 'PATCH', `${items}/${id}/fields`, patch))).toBe(2);
    const requests = [1, 2, 3].map((n) => ({
      id: String(n),
      method: 'POST',
      url: items,
      headers: { 'content-type': 'application/json' },
      body: { fields: { Title: `b${n}` } },
    }));
    const batch = () => t.graphFetch(TENANT, 'POST', '/$batch', { body: { requests } });
    expect(await cost(batch)).toBe(6);
    expect(await cost(() => t.graphFetch(TENANT, 'DELETE', `${items}/${id}`))).toBe(2);
  });

  it('charges an upload session 2 and a fragment 2, to the app and tenant that opened it', async () => {
    await budget({ tier: 'small', manualClock: true });
    const site = items.split('/lists/')[0] ?? '';
    let uploadUrl = '';
    const open = () =>
      t.graphFetch(TENANT, 'POST', `${site}/drive/root:/a.txt:/createUploadSession`, { body: {} });
    expect(
      await cost(async () => ({ uploadUrl } = (await open()).body as { uploadUrl: string })),
    ).toBe(2);
    const put = (range: string, data: string) =>
      fetch(uploadUrl, { method: 'PUT', headers: { 'content-range': range }, body: data });
    // One fragment (a smaller one than 320 KiB may only be the last).
    expect(
      await cost(async () => expect((await put('bytes 0-3/4', 'abcd')).status).toBe(201)),
    ).toBe(2);
  });

  it('when a window is spent, then 429 with Retry-After until it ends, and the next window serves', async () => {
    await budget({ perMinute: 20, manualClock: true });
    for (let i = 0; i < 10; i++) expect((await create()).status).toBe(201);
    await t.admin('POST', '/_admin/budget/advance', { seconds: 15 });
    const refused = await create();
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('45');
    expect(refused.body).toMatchObject({
      error: { code: 'activityLimitReached', innerError: { code: 'throttledRequest' } },
    });
    expect(refused.headers.get('ratelimit-remaining')).toBe('0');
    expect(await usage()).toMatchObject({ throttled: 1 });
    await t.admin('POST', '/_admin/budget/advance', { seconds: 45 });
    expect((await create()).status).toBe(201);
  });

  it('when 80 % of the minute is used, then answers carry RateLimit-Limit, -Remaining and -Reset', async () => {
    await budget({ perMinute: 20, manualClock: true });
    for (let i = 0; i < 7; i++) expect((await create()).headers.get('ratelimit-limit')).toBeNull();
    await t.admin('POST', '/_admin/budget/advance', { seconds: 20 });
    const near = await create(); // 16 of 20 RU: 80 %
    expect(near.status).toBe(201);
    expect(near.headers.get('ratelimit-limit')).toBe('20');
    expect(near.headers.get('ratelimit-remaining')).toBe('4');
    expect(near.headers.get('ratelimit-reset')).toBe('40');
  });

  it('when the day is spent, then Retry-After runs to the end of the day', async () => {
    await budget({ perMinute: 100, perDay: 4, manualClock: true });
    await create();
    await create();
    await t.admin('POST', '/_admin/budget/advance', { seconds: 3600 });
    const refused = await create();
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe(String(23 * 3600));
  });

  it('meters each tenant on its own: one spent tenant does not throttle another', async () => {
    await budget({ perMinute: 4, manualClock: true });
    await create();
    await create();
    expect((await create()).status).toBe(429);
    expect((await create(otherItems, OTHER)).status).toBe(201);
  });

  it('when the configuration is bad, then 400 with a short message and the old one stays', async () => {
    await budget({ tier: 'small' });
    for (const bad of [
      { tier: 'huge' },
      { perMinute: 0 },
      { windowSeconds: 1.5, perMinute: 9 },
      { x: 1 },
    ]) {
      const res = await budget(bad);
      expect(res.status).toBe(400);
      expect(JSON.stringify(res.body)).not.toMatch(/at .*\.ts/);
    }
    expect((await t.admin('GET', '/_admin/budget')).body).toMatchObject({
      perMinute: 1250,
      perDay: 1_200_000,
    });
    expect((await budget({ licenses: 12_000 })).body).toMatchObject({ perMinute: 3750 });
  });
});
