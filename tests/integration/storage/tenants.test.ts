import { CosmosTenantStore } from '../../../lib/tenants/cosmosStore';
import { MAX_INSTALLATIONS } from '../../../lib/tenants/installations';
import type { TenantRecord } from '../../../lib/tenants/store';
import { cosmos } from './support';

const record = (domain: string): Omit<TenantRecord, 'id'> => ({
  domain,
  alias: 'contoso',
  entraTenantId: '00000000-0000-4000-8000-00000000c0de',
  siteUrl: `https://${domain}/sites/helpdesk`,
  supportAddresses: ['Support@Contoso.com', 'help@contoso.com'],
  licence: { plan: 'standard', expiresAt: '2099-12-31', suspended: false },
  installations: [],
});

describe('CosmosTenantStore on the Cosmos server', () => {
  const containers = cosmos();
  const store = new CosmosTenantStore(containers);

  it('when a tenant is stored, then it is found by domain and by any support address, case-insensitively', async () => {
    await store.put(record('contoso.sharepoint.com'));
    expect((await store.get('Contoso.SharePoint.com'))?.entraTenantId).toBe(
      '00000000-0000-4000-8000-00000000c0de',
    );
    expect((await store.byAddress('SUPPORT@contoso.com'))?.domain).toBe('contoso.sharepoint.com');
    expect((await store.byAddress('help@contoso.com'))?.domain).toBe('contoso.sharepoint.com');
    expect(await store.byAddress('nobody@contoso.com')).toBeUndefined();
    expect(await store.get('unknown.sharepoint.com')).toBeUndefined();
  });

  it('when many installations check in at once, then every URL is recorded (ETag retries lose none)', async () => {
    await store.put(record('race.sharepoint.com'));
    const sites = Array.from({ length: 8 }, (_, i) => `https://race.sharepoint.com/sites/s${i}`);
    const now = new Date('2026-11-22T10:00:00Z');
    await Promise.all(
      sites.map((site) =>
        new CosmosTenantStore(containers).recordInstallation('race.sharepoint.com', site, now),
      ),
    );
    const urls = (
      await new CosmosTenantStore(containers).get('race.sharepoint.com')
    )?.installations.map((i) => i.url);
    expect(urls?.sort()).toEqual([...sites].sort());
  });

  it('when a support address is dropped from a tenant, then it no longer routes there', async () => {
    await store.put({
      ...record('moved.sharepoint.com'),
      supportAddresses: ['a@moved.example', 'b@moved.example'],
    });
    await store.put({ ...record('moved.sharepoint.com'), supportAddresses: ['b@moved.example'] });
    expect(await store.byAddress('a@moved.example')).toBeUndefined();
    expect((await store.byAddress('b@moved.example'))?.domain).toBe('moved.sharepoint.com');
  });

  it('when a tenant is removed, then neither it nor its addresses resolve any more', async () => {
    await store.put({ ...record('gone.sharepoint.com'), supportAddresses: ['gone@gone.example'] });
    expect(await store.remove('gone.sharepoint.com')).toBe(true);
    expect(await store.get('gone.sharepoint.com')).toBeUndefined();
    expect(await store.byAddress('gone@gone.example')).toBeUndefined();
    expect(await store.remove('gone.sharepoint.com')).toBe(false);
  });
});

describe('a tenant record under made-up installations', () => {
  it('when more sites check in than a record keeps, then it keeps the most recently seen and stays small', async () => {
    const store = new CosmosTenantStore(cosmos());
    await store.put(record('flood.sharepoint.com'));
    const base = Date.parse('2026-11-22T10:00:00Z');
    for (let i = 0; i < MAX_INSTALLATIONS + 30; i++) {
      const at = new Date(base + i * 1000);
      await store.recordInstallation(
        'flood.sharepoint.com',
        `https://flood.sharepoint.com/sites/s${i}`,
        at,
      );
    }
    const urls = (await store.get('flood.sharepoint.com'))?.installations.map((i) => i.url) ?? [];
    expect(urls).toHaveLength(MAX_INSTALLATIONS);
    expect(urls).toContain(`https://flood.sharepoint.com/sites/s${MAX_INSTALLATIONS + 29}`);
    expect(urls).not.toContain('https://flood.sharepoint.com/sites/s0');
  });
});
