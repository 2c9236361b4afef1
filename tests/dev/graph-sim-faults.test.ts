/**
 * Graph simulator, the fault knob's patterns: which requests fail is fixed by the configuration
 * and the order of requests, never by chance, so fault tests repeat exactly.
 */
import { Faults } from '../../dev/graph-sim/faults';
import { type TestSimulator, startTestSimulator } from '../../dev/graph-sim/testing';

const TENANT = '00000000-0000-4000-8000-00000000c0de';

/** Which of `count` GET requests to /sites/x fail under `config`, 1-based. */
function failing(config: object, count: number, faults = new Faults()): number[] {
  faults.configure(config);
  return Array.from({ length: count }, (_, i) => i + 1).filter((n) =>
    faults.next('GET', `/sites/x/${n}`),
  );
}

function theFault<T>(fault: T | undefined): T {
  if (!fault) throw new Error('expected a fault');
  return fault;
}

describe('fault patterns', () => {
  it('when every is n, then requests n, 2n, 3n… fail', () => {
    expect(failing({ every: 3 }, 10)).toEqual([3, 6, 9]);
    expect(failing({ every: 1 }, 3)).toEqual([1, 2, 3]);
  });

  it('when next is k, then the first k requests fail and none after', () => {
    expect(failing({ next: 2 }, 6)).toEqual([1, 2]);
    expect(failing({ next: 0 }, 6)).toEqual([]);
  });

  it('when a rate has no seed, then the failures are spread evenly', () => {
    expect(failing({ rate: 0.5 }, 6)).toEqual([2, 4, 6]);
    expect(failing({ rate: 0.3 }, 10)).toEqual([4, 7, 10]);
    expect(failing({ rate: 0 }, 6)).toEqual([]);
  });

  it('when a limit is set, then no request fails after that many faults', () => {
    expect(failing({ every: 2, limit: 2 }, 10)).toEqual([2, 4]);
    expect(failing({ rate: 0.5, limit: 1 }, 10)).toEqual([2]);
    expect(failing({ rate: 1, seed: 3, limit: 3 }, 10)).toEqual([1, 2, 3]);
  });

  it('when a rate has a seed, then the same seed fails the same requests every time', () => {
    const faults = new Faults();
    const first = failing({ rate: 0.3, seed: 42 }, 200, faults);
    expect(failing({ rate: 0.3, seed: 42 }, 200, faults)).toEqual(first);
    expect(failing({ rate: 0.3, seed: 7 }, 200)).not.toEqual(first);
    // mulberry32 is uniform: about 60 of 200, not a pattern stuck at 0 or 200.
    expect(first.length).toBeGreaterThan(40);
    expect(first.length).toBeLessThan(80);
  });

  it('when match names a method and a path prefix, then only those requests count and fail', () => {
    const faults = new Faults();
    faults.configure({ every: 1, match: { method: 'post', path: '/sites/a/' } });
    expect(faults.next('GET', '/sites/a/lists')).toBeUndefined();
    expect(faults.next('POST', '/sites/b/lists')).toBeUndefined();
    expect(faults.next('POST', '/sites/a/lists')).toMatchObject({ status: 429 });
    expect(faults.current).toMatchObject({ counted: 1, failed: 1 });
  });

  it('when hold is set, then a chosen request is answered only once the faults are configured again', async () => {
    const faults = new Faults();
    faults.configure({ next: 1, hold: true, status: 503 });
    const fault = faults.next('PATCH', '/sites/a/lists/l/items/1');
    let answered = false;
    const held = faults.answer(theFault(fault)).then((f) => {
      answered = true;
      return f;
    });
    await new Promise((resolve) => setImmediate(resolve));
    expect(answered).toBe(false);
    faults.configure({ rate: 0 });
    await expect(held).resolves.toMatchObject({ status: 503 });
    // Without hold, the answer comes at once.
    faults.configure({ next: 1 });
    await expect(faults.answer(theFault(faults.next('GET', '/x')))).resolves.toMatchObject({
      status: 429,
    });
  });
});

describe('fault knob over HTTP', () => {
  let t: TestSimulator;
  let site: string;

  beforeAll(async () => {
    t = await startTestSimulator();
    [site = ''] = await t.addTenant(TENANT, 'contoso.sharepoint.com', ['/sites/helpdesk']);
    await t.graphFetch(TENANT, 'GET', `/sites/${site}`); // the token is fetched before faults start
  });

  afterAll(() => t.close());

  it('when only writes are to fail, then reads pass and the knob counts what it failed', async () => {
    const put = await t.admin('PUT', '/_admin/faults', {
      next: 1,
      match: { method: 'POST' },
      status: 503,
      retryAfterSeconds: 0.5,
    });
    expect(put.status).toBe(200);
    const lists = `/sites/${site}/lists`;
    expect((await t.graphFetch(TENANT, 'GET', lists)).status).toBe(200);
    const write = await t.graphFetch(TENANT, 'POST', lists, { body: { displayName: 'X' } });
    expect(write.status).toBe(503);
    expect(write.headers.get('retry-after')).toBe('0.5');
    expect((await t.admin('GET', '/_admin/faults')).body).toEqual({
      next: 1,
      match: { method: 'POST' },
      status: 503,
      retryAfterSeconds: 0.5,
      counted: 1,
      failed: 1,
    });
  });

  it.each([
    [{ rate: 0.5, every: 2 }, 'Give one of rate, every or next, not rate and every.'],
    [{ seed: 1 }, 'seed goes with rate.'],
    [{ rate: 0.2, seed: -1 }, 'seed must be a whole number from 0 to 4294967295.'],
    [{ every: 0 }, 'every must be a whole number from 1 to 1000000.'],
    [{ next: 1.5 }, 'next must be a whole number from 0 to 1000000.'],
    [{ every: 2, match: { method: 'FETCH' } }, 'match.method must be one of'],
    [{ every: 2, match: { path: 'sites' } }, 'match.path must be a path prefix starting with /'],
    [{ every: 2, match: { host: 'x' } }, 'match takes only method and path, not host.'],
    [{ next: 2, limit: 1 }, 'limit goes with rate or every.'],
    [{ evrey: 2 }, 'Unknown fault setting evrey.'],
  ])(
    'when the configuration is %j, then 400 saying what is wrong and nothing changes',
    async (body, message) => {
      await t.admin('PUT', '/_admin/faults', { every: 5 });
      const res = await t.admin('PUT', '/_admin/faults', body);
      expect(res.status).toBe(400);
      expect((res.body as { error: { message: string } }).error.message).toContain(message);
      expect((await t.admin('GET', '/_admin/faults')).body).toMatchObject({ every: 5 });
    },
  );
});
