/**
 * Sites: the Graph site resource and the registration of a tenant's sites by the admin API. Site
 * ids are `hostname,{siteCollectionGuid},{webGuid}` (docs/graph.md "Sites and lists"), derived from
 * tenant, hostname and path so a re-registered site keeps its id even without a state file.
 */
import { type GraphContext, siteOf } from './context';
import { type SimResponse, json } from './http';
import { createList } from './lists';
import { normalisePath, siteUrl } from './resolve';
import type { SiteState, TenantState } from './model';
import { nowIso, stableGuid } from './state';

export function siteJson(site: SiteState): object {
  const name = site.path.split('/').filter(Boolean).pop() ?? site.hostname;
  return {
    createdDateTime: site.created,
    description: '',
    id: site.id,
    lastModifiedDateTime: site.created,
    name,
    webUrl: siteUrl(site),
    displayName: site.displayName,
    ...(site.path === '/' ? { root: {} } : {}),
    siteCollection: { hostname: site.hostname },
  };
}

export const getSite = (ctx: GraphContext): SimResponse => json(200, siteJson(siteOf(ctx)));

/** Adds the site at `path` unless the tenant has it; every new site gets its Documents library. */
export function ensureSite(tenant: TenantState, path: string): SiteState {
  const wanted = normalisePath(path);
  const existing = tenant.sites.find((s) => s.path.toLowerCase() === wanted);
  if (existing) return existing;
  const cleanPath = `/${path.replace(/^\/+|\/+$/g, '')}`;
  const collection = stableGuid(tenant.id, tenant.hostname, wanted, 'site-collection');
  const web = stableGuid(tenant.id, tenant.hostname, wanted, 'web');
  const site: SiteState = {
    id: `${tenant.hostname},${collection},${web}`,
    hostname: tenant.hostname,
    path: cleanPath,
    displayName: cleanPath.split('/').filter(Boolean).pop() ?? 'Communication site',
    created: nowIso(),
    lists: [],
  };
  // SharePoint names the default library "Documents" and serves it at /Shared Documents.
  createList(site, 'Documents', 'documentLibrary', [], 'Shared Documents');
  tenant.sites.push(site);
  return site;
}
