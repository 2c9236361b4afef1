import { LookupCache } from '../../../lib/tenants/lookupCache';

describe('the tenant lookup cache', () => {
  it('when more keys are looked up than it may hold, then it stays at its bound and keeps the newest', async () => {
    const cache = new LookupCache<string>(60_000, 100);
    for (let i = 0; i < 1000; i++) await cache.get(`x${i}.sharepoint.com`, async () => 'unknown');
    expect(cache.size).toBe(100);
    let loads = 0;
    await cache.get('x999.sharepoint.com', async () => String(++loads));
    await cache.get('x0.sharepoint.com', async () => String(++loads));
    expect(loads).toBe(1); // the newest was still held, the oldest had gone
  });

  it('when lookups of one key overlap, then they share one load; after the time to live, it loads again', async () => {
    let now = 0;
    const cache = new LookupCache<number>(1000, 10, () => now);
    let loads = 0;
    const load = async () => ++loads;
    expect(await Promise.all([cache.get('k', load), cache.get('k', load)])).toEqual([1, 1]);
    now = 999;
    expect(await cache.get('k', load)).toBe(1);
    now = 1000;
    expect(await cache.get('k', load)).toBe(2);
  });

  it('when a load fails, then it is not remembered', async () => {
    const cache = new LookupCache<number>(60_000, 10);
    await expect(cache.get('k', () => Promise.reject(new Error('503')))).rejects.toThrow('503');
    expect(await cache.get('k', async () => 7)).toBe(7);
  });
});
