import { isSetting, setTenantSetting } from '../../../lib/tenants/settings';
import type { TenantRecord, TenantStore } from '../../../lib/tenants/store';

const contoso: TenantRecord = {
  id: 'contoso.sharepoint.com',
  domain: 'contoso.sharepoint.com',
  alias: 'contoso',
  entraTenantId: 't',
  siteUrl: 'https://contoso.sharepoint.com/sites/helpdesk',
  supportAddresses: ['support@contoso.com'],
  licence: { plan: 'standard', expiresAt: '2099-12-31', suspended: false },
  installations: [],
};

/** One tenant in memory; `put` keeps what it was given. */
function store(): TenantStore & { saved: () => TenantRecord } {
  let record = contoso;
  const unused = () => Promise.reject(new Error('not used here'));
  return {
    saved: () => record,
    get: async (domain) => (domain === record.domain ? record : undefined),
    list: async () => [record],
    put: async (r) => void (record = { ...r, id: r.domain }),
    byAddress: unused,
    recordInstallation: unused,
    remove: unused,
    ready: async () => undefined,
    probe: async () => undefined,
  };
}

describe('tenant settings', () => {
  it.each([
    { name: 'remote-images', value: 'allow', field: { remoteImages: 'allow' } },
    { name: 'spam-filter', value: 'off', field: { spamFilter: 'off' } },
    { name: 'spam-score', value: '6.5', field: { spamScore: 6.5 } },
    { name: 'spam-score', value: '0', field: { spamScore: 0 } },
    { name: 'spam-scl', value: '7', field: { spamScl: 7 } },
    { name: 'spam-scl', value: '0', field: { spamScl: 0 } },
    { name: 'spamassassin-headers', value: 'trust', field: { spamAssassinHeaders: 'trust' } },
  ])(
    'when $name is set to $value, then the record holds $field',
    async ({ name, value, field }) => {
      const tenants = store();
      if (!isSetting(name)) throw new Error(`not a setting: ${name}`);
      const updated = await setTenantSetting(tenants, 'contoso', name, value);
      expect(updated).toMatchObject(field);
      expect(tenants.saved()).toMatchObject({
        ...field,
        supportAddresses: contoso.supportAddresses,
      });
    },
  );

  it.each([
    { name: 'spam-filter', value: 'maybe', error: 'spam-filter must be one of: on, off' },
    { name: 'spam-score', value: 'high', error: 'spam-score must be a number, e.g. 5 or 6.5' },
    { name: 'spam-score', value: '', error: 'spam-score must be a number, e.g. 5 or 6.5' },
    { name: 'spam-score', value: '0x10', error: 'spam-score must be a number, e.g. 5 or 6.5' },
    { name: 'spam-scl', value: '10', error: 'spam-scl must be a whole number from 0 to 9' },
    { name: 'spam-scl', value: '4.5', error: 'spam-scl must be a whole number from 0 to 9' },
    { name: 'spam-scl', value: '-1', error: 'spam-scl must be a whole number from 0 to 9' },
    {
      name: 'spamassassin-headers',
      value: 'yes',
      error: 'spamassassin-headers must be one of: ignore, trust',
    },
    { name: 'remote-images', value: 'some', error: 'remote-images must be one of: block, allow' },
  ])('when $name is given "$value", then one line refuses it and nothing is stored', async (c) => {
    const tenants = store();
    if (!isSetting(c.name)) throw new Error(`not a setting: ${c.name}`);
    await expect(setTenantSetting(tenants, 'contoso', c.name, c.value)).rejects.toThrow(
      new Error(c.error),
    );
    expect(tenants.saved()).toBe(contoso);
  });

  it('when the tenant is unknown, then nothing is stored and the answer is undefined', async () => {
    const tenants = store();
    expect(await setTenantSetting(tenants, 'fabrikam', 'spam-scl', '3')).toBeUndefined();
    expect(tenants.saved()).toBe(contoso);
  });

  it('when a name is not a setting, then isSetting says so', () => {
    expect(isSetting('spam-threshold')).toBe(false);
    expect(isSetting('toString')).toBe(false);
  });
});
