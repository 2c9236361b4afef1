/**
 * The Graph implementation of the helpdesk directory. Opening a tenant's site resolves the site id
 * and validates the lists once (2 Graph requests: the site, its lists with their columns) and
 * caches the ids per tenant and site for the life of the process; every mail after that goes
 * straight to the list items. A site found without the Mail Log is opened again once its ids
 * are MAIL_LOG_RECHECK_MS old: a site that `tenant provision` upgrades later gets its Mail Log
 * within that time, without a restart, for at most 2 requests per site every 10 minutes.
 */
import type { GraphSettings } from '../config';
import { type GraphClientOptions, GraphClients, type GraphTenants } from './graph';
import type { HelpdeskDirectory, HelpdeskSite, OutboxSite, SiteRef } from './helpdesk';
import { validateHelpdesk } from './provision';
import { GraphHelpdeskSite } from './site';

export interface GraphHelpdeskOptions extends GraphClientOptions {
  /** Tests and tools may share one set of per-tenant clients. */
  clients?: GraphTenants;
  /** Milliseconds of the clock; tests move it instead of waiting. */
  now?: () => number;
}

/** How long ids of a site without the Mail Log are trusted before the site is opened again. */
export const MAIL_LOG_RECHECK_MS = 10 * 60_000;

interface Cached {
  opening: Promise<GraphHelpdeskSite>;
  /** When to open the site again: set once it opened without the Mail Log. */
  recheckAt?: number;
}

/** SharePoint URLs are case-insensitive and a trailing slash changes nothing. */
function siteKey(site: SiteRef): string {
  let url: string;
  try {
    const u = new URL(site.siteUrl);
    url = `${u.hostname}${u.pathname.replace(/\/+$/, '')}`;
  } catch {
    url = site.siteUrl;
  }
  return `${site.entraTenantId} ${url}`.toLowerCase();
}

export class GraphHelpdeskDirectory implements HelpdeskDirectory {
  readonly clients: GraphTenants;
  // Promises, not results: concurrent first mails of a tenant share one resolution.
  private readonly sites = new Map<string, Cached>();
  private readonly now: () => number;

  constructor(settings: GraphSettings, options: GraphHelpdeskOptions = {}) {
    this.clients = options.clients ?? new GraphClients(settings, options);
    this.now = options.now ?? Date.now;
  }

  open(site: SiteRef): Promise<HelpdeskSite> {
    return this.opened(site);
  }

  async openOutbox(site: SiteRef): Promise<OutboxSite> {
    return (await this.opened(site)).outbox;
  }

  private opened(site: SiteRef): Promise<GraphHelpdeskSite> {
    const key = siteKey(site);
    const cached = this.sites.get(key);
    const due = cached?.recheckAt !== undefined && this.now() >= cached.recheckAt;
    if (cached && !due) return cached.opening;
    const fresh = this.resolve(site, key);
    // A re-check that fails keeps the ids it was to renew, and is tried again later.
    const entry: Cached = { opening: cached ? fresh.catch(() => cached.opening) : fresh };
    this.sites.set(key, entry);
    entry.opening.then(
      (opened) => {
        if (!opened.mailLog) entry.recheckAt = this.now() + MAIL_LOG_RECHECK_MS;
      },
      // A failed open is not cached: permission granted or lists provisioned later must work.
      () => {
        if (this.sites.get(key) === entry) this.sites.delete(key);
      },
    );
    return entry.opening;
  }

  /** Drops a site's cached ids (an operator re-provisioned it). */
  forget(site: SiteRef): void {
    this.sites.delete(siteKey(site));
  }

  private async resolve(site: SiteRef, key: string): Promise<GraphHelpdeskSite> {
    const graph = this.clients.forTenant(site.entraTenantId);
    const ids = await validateHelpdesk(graph, site.siteUrl);
    return new GraphHelpdeskSite(graph, ids, () => this.sites.delete(key));
  }
}
