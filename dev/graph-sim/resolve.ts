/**
 * Finding things in the state on behalf of a caller: every site, list and drive lookup goes
 * through here, so tenant isolation is enforced in one place (a token for tenant A gets 403 on
 * tenant B's site, as an app without a grant on that site would).
 */
import type { Claims } from './auth';
import { accessDenied, notFound, siteNotFound } from './errors';
import type { DriveState, ListState, SiteState, TenantState } from './model';
import type { Store } from './state';

export interface SiteRef {
  tenant: TenantState;
  site: SiteState;
}

export const siteUrl = (site: SiteState): string => `https://${site.hostname}${site.path}`;

export const listUrl = (site: SiteState, list: ListState): string =>
  list.template === 'documentLibrary'
    ? `${siteUrl(site)}/${encodeURIComponent(list.name)}`
    : `${siteUrl(site)}/Lists/${encodeURIComponent(list.name)}`;

export function findSiteById(store: Store, id: string): SiteRef | undefined {
  const wanted = id.toLowerCase();
  for (const tenant of store.state.tenants) {
    const site = tenant.sites.find((s) => s.id.toLowerCase() === wanted);
    if (site) return { tenant, site };
  }
  return undefined;
}

export function findSiteByPath(store: Store, hostname: string, path: string): SiteRef | undefined {
  const host = hostname.toLowerCase();
  const wanted = normalisePath(path);
  for (const tenant of store.state.tenants) {
    const site = tenant.sites.find((s) => s.hostname === host && s.path.toLowerCase() === wanted);
    if (site) return { tenant, site };
  }
  return undefined;
}

/** Server-relative paths compare case-insensitively and without a trailing slash, as SharePoint does. */
export function normalisePath(path: string): string {
  const p = `/${path.replace(/^\/+|\/+$/g, '')}`;
  return p.toLowerCase();
}

export function authorize(claims: Claims, ref: SiteRef | undefined): SiteState {
  if (!ref) throw siteNotFound();
  if (ref.tenant.id !== claims.tid) throw accessDenied();
  return ref.site;
}

/** Graph takes the list GUID; a title in its place is reported to work (docs/graph.md). */
export function findList(site: SiteState, ref: string): ListState {
  const wanted = ref.toLowerCase().replace(/^\{|\}$/g, '');
  const list =
    site.lists.find((l) => l.id === wanted) ??
    site.lists.find(
      (l) => l.displayName.toLowerCase() === wanted || l.name.toLowerCase() === wanted,
    );
  if (!list) {
    throw notFound(
      'List does not exist.\n\nThe page you selected contains a list that does not exist.  It may have been deleted by another user.',
    );
  }
  return list;
}

export interface DriveRef {
  site: SiteState;
  list: ListState;
  drive: DriveState;
}

export function findDrive(store: Store, claims: Claims, driveId: string): DriveRef {
  for (const tenant of store.state.tenants) {
    for (const site of tenant.sites) {
      for (const list of site.lists) {
        if (list.drive?.id !== driveId) continue;
        authorize(claims, { tenant, site });
        return { site, list, drive: list.drive };
      }
    }
  }
  throw notFound(
    'The provided drive id appears to be malformed, or does not represent a valid drive.',
  );
}

/** A site's default drive is its "Documents" library, the first library created with the site. */
export function defaultDrive(site: SiteState): DriveRef {
  const list = site.lists.find((l) => l.drive);
  if (!list?.drive) throw notFound('Drive not found');
  return { site, list, drive: list.drive };
}

export function driveRefOf(site: SiteState, list: ListState): DriveRef {
  if (!list.drive) throw notFound('Drive not found');
  return { site, list, drive: list.drive };
}
