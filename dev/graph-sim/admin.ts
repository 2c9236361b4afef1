/**
 * The local-only admin API (no auth: the simulator listens on localhost): health, tenant and site
 * registration, request statistics (Graph requests per ticket is a number the team reports), the
 * fault knob, the resource-unit budget (budget.ts) and a full reset for tests. Errors use Graph's
 * envelope, one shape for clients to read.
 */
import type { Budget } from './budget';
import { GraphError, badRequest } from './errors';
import type { Faults } from './faults';
import { handleMailAdmin } from './mail/admin';
import { type SimRequest, type SimResponse, json, jsonBody, noContent } from './http';
import type { Notifications } from './mail/notifications';
import { handleNotificationsAdmin } from './mail/notificationsAdmin';
import { clearOutbox } from './mail/sendOutbox';
import { siteUrl } from './resolve';
import { ensureSite } from './sites';
import type { TenantState } from './model';
import type { Store } from './state';

export class Stats {
  requests = 0;
  byMethodAndRoute: Record<string, number> = {};

  record(route: string): void {
    this.requests++;
    this.byMethodAndRoute[route] = (this.byMethodAndRoute[route] ?? 0) + 1;
  }

  reset(): void {
    this.requests = 0;
    this.byMethodAndRoute = {};
  }
}

export interface AdminDeps {
  store: Store;
  stats: Stats;
  faults: Faults;
  budget: Budget;
  notifications: Notifications;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const HOSTNAME = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+$/i;
/** Server-relative site paths: no addressing colon, query or fragment; SharePoint URLs stay < 400. */
const SITE_PATH = /^\/[^:?#\\]{0,399}$/;

function tenantJson(tenant: TenantState, paths?: string[]): object {
  const sites = paths
    ? paths.map((p) =>
        tenant.sites.find(
          (s) => s.path.toLowerCase() === `/${p.replace(/^\/+|\/+$/g, '')}`.toLowerCase(),
        ),
      )
    : tenant.sites;
  return {
    tenantId: tenant.id,
    hostname: tenant.hostname,
    sites: sites.flatMap((s) => (s ? [{ path: s.path, id: s.id, webUrl: siteUrl(s) }] : [])),
  };
}

/** PUT /_admin/tenants/{id} { hostname, sites }: idempotent; a hostname belongs to one tenant. */
function registerTenant(req: SimRequest, deps: AdminDeps, tenantId: string): SimResponse {
  if (!GUID.test(tenantId)) throw badRequest('The Entra tenant id must be a GUID.');
  const body = jsonBody(req);
  const hostname = typeof body.hostname === 'string' ? body.hostname.toLowerCase() : '';
  if (!HOSTNAME.test(hostname))
    throw badRequest('hostname must be a host name such as contoso.sharepoint.com.');
  const paths = body.sites ?? [];
  if (
    !Array.isArray(paths) ||
    !paths.every((p): p is string => typeof p === 'string' && SITE_PATH.test(p))
  ) {
    throw badRequest('sites must be an array of server-relative paths such as "/sites/helpdesk".');
  }
  const tenants = deps.store.state.tenants;
  const id = tenantId.toLowerCase();
  const owner = tenants.find((t) => t.hostname === hostname && t.id !== id);
  if (owner)
    throw new GraphError(409, 'conflict', `Hostname ${hostname} belongs to tenant ${owner.id}.`);
  let tenant = tenants.find((t) => t.id === id);
  if (tenant && tenant.hostname !== hostname) {
    throw new GraphError(
      409,
      'conflict',
      `Tenant ${id} is registered with hostname ${tenant.hostname}.`,
    );
  }
  if (!tenant) {
    tenant = { id, hostname, sites: [] };
    tenants.push(tenant);
  }
  for (const p of paths) ensureSite(tenant, p);
  deps.store.changed();
  return json(200, tenantJson(tenant, paths));
}

export function handleAdmin(req: SimRequest, deps: AdminDeps): SimResponse {
  const route = `${req.method} ${req.path.replace(/\/+$/, '')}`;
  const tenantMatch = /^PUT \/_admin\/tenants\/([^/]+)$/.exec(route);
  if (tenantMatch?.[1]) return registerTenant(req, deps, tenantMatch[1]);
  const mail = handleMailAdmin(req, deps.store, route);
  if (mail) return mail;
  const notifications = handleNotificationsAdmin(route, req, deps);
  if (notifications) return notifications;
  switch (route) {
    case 'GET /_admin/health':
      return json(200, { status: 'ok' });
    case 'GET /_admin/tenants':
      return json(200, { value: deps.store.state.tenants.map((t) => tenantJson(t)) });
    case 'GET /_admin/stats':
      return json(200, {
        requests: deps.stats.requests,
        byMethodAndRoute: deps.stats.byMethodAndRoute,
      });
    case 'POST /_admin/stats/reset':
      deps.stats.reset();
      return noContent();
    case 'GET /_admin/faults':
      return json(200, deps.faults.current);
    case 'PUT /_admin/faults':
      return json(200, deps.faults.configure(jsonBody(req)));
    case 'GET /_admin/budget':
      return json(200, deps.budget.current);
    case 'PUT /_admin/budget':
      return json(200, deps.budget.configure(jsonBody(req)));
    case 'POST /_admin/budget/advance':
      return json(200, deps.budget.advance(jsonBody(req).seconds));
    case 'POST /_admin/reset':
      // The signing key survives: tokens stay verifiable, but their tenants are gone.
      deps.store.state.tenants = [];
      deps.store.uploads.clear();
      clearOutbox(deps.store);
      deps.store.mailboxGate.latencyMs = 0;
      deps.store.changed();
      deps.stats.reset();
      deps.faults.configure({ rate: 0 });
      deps.budget.configure({ off: true });
      deps.notifications.configure({});
      return noContent();
    default:
      throw new GraphError(404, 'itemNotFound', `No admin endpoint ${route}.`);
  }
}
