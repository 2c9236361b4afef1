/**
 * What a Graph handler gets: the request, the state, the verified caller and the route's path
 * parameters (already decoded), plus the lookups every handler needs, isolation included.
 */
import type { Claims } from './auth';
import { badRequest } from './errors';
import type { SimRequest } from './http';
import {
  type DriveRef,
  authorize,
  defaultDrive,
  findDrive,
  findList,
  findSiteById,
  findSiteByPath,
} from './resolve';
import type { ListState, SiteState } from './model';
import type { Store } from './state';

export interface GraphContext {
  req: SimRequest;
  store: Store;
  claims: Claims;
  params: Record<string, string>;
}

export function param(ctx: GraphContext, name: string): string {
  const v = ctx.params[name];
  if (v === undefined) throw new Error(`route has no parameter ${name}`);
  return v;
}

/** The addressed site: by id, or by `{hostname}:/{path}` (the router fills hostname and site-path). */
export function siteOf(ctx: GraphContext): SiteState {
  const host = ctx.params.hostname;
  if (host !== undefined) {
    return authorize(ctx.claims, findSiteByPath(ctx.store, host, ctx.params['site-path'] ?? '/'));
  }
  // `/sites/{hostname}` alone addresses the hostname's root site.
  const id = param(ctx, 'site-id');
  const ref = id.includes(',') ? findSiteById(ctx.store, id) : findSiteByPath(ctx.store, id, '/');
  return authorize(ctx.claims, ref);
}

export function listOf(ctx: GraphContext): { site: SiteState; list: ListState } {
  const site = siteOf(ctx);
  return { site, list: findList(site, param(ctx, 'list-id')) };
}

/** `/drives/{id}/...` or a site's default drive for `/sites/{id}/drive/...`. */
export function driveOf(ctx: GraphContext): DriveRef {
  const id = ctx.params['drive-id'];
  return id !== undefined ? findDrive(ctx.store, ctx.claims, id) : defaultDrive(siteOf(ctx));
}

/** OData system query options as Graph reads them: with or without the `$`. */
export function queryOption(ctx: GraphContext, name: string): string | undefined {
  return ctx.req.query.get(`$${name}`) ?? ctx.req.query.get(name) ?? undefined;
}

export function topOption(ctx: GraphContext, fallback: number, max: number): number {
  const raw = queryOption(ctx, 'top');
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < 1) {
    throw badRequest(`Invalid value '${raw}' for $top query option.`);
  }
  return Math.min(Number(raw), max);
}
