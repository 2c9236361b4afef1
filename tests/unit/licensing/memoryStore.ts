/** An in-memory tenant store holding one customer, with the installations it was asked to record. */
import type { TenantRecord, TenantStore } from '../../../lib/tenants/store';

export const DOMAIN = 'contoso.sharepoint.com';
export const TENANT_ID = '00000000-0000-4000-8000-00000000c0de';

export function memoryStore(): TenantStore & { recorded: string[] } {
  const record: TenantRecord = {
    id: DOMAIN,
    domain: DOMAIN,
    entraTenantId: TENANT_ID,
    siteUrl: `https://${DOMAIN}/sites/helpdesk`,
    supportAddresses: ['support@contoso.com'],
    licence: { plan: 'standard', expiresAt: '2099-12-31', suspended: false },
    installations: [],
  };
  const recorded: string[] = [];
  const unused = () => Promise.reject(new Error('not used here'));
  return {
    recorded,
    get: (domain) => Promise.resolve(domain === DOMAIN ? record : undefined),
    recordInstallation: (_domain, site) => {
      recorded.push(site);
      return Promise.resolve();
    },
    byAddress: unused,
    put: unused,
    remove: unused,
    list: unused,
    ready: () => Promise.resolve(),
    probe: () => Promise.resolve(),
  };
}
