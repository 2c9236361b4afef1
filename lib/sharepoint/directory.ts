/**
 * The Graph implementation of the helpdesk directory. Opening a tenant's site resolves the site id
 * and validates the lists once (2 Graph requests: the site, its lists with their columns) and
 * caches the ids per tenant and site for the life of the process; every mail after that goes
 * straight to the list items.
 */
import type { GraphSettings } from '../config';
import { type GraphClientOptions, GraphClients, type GraphTenants } from './graph';
import type { HelpdeskDirectory, HelpdeskSite, OutboxSite, SiteRef } from './helpdesk';
import { validateHelpdesk } from './provision';
import { GraphHelpdeskSite } from './site';

export interface GraphHelpdeskOptions extends GraphClientOptions {
  /** Tests and tools may share one set of per-tenant clients. */
  clients?: GraphTenants;
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
  private readonly sites = new Map<string, Promise<GraphHelpdeskSite>>();

  constructor(settings: GraphSettings, options: GraphHelpdeskOptions = {}) {
    this.clients = options.clients ?? new GraphClients(settings, options);
  }

  open(site: SiteRef): Promise<HelpdeskSite> {
    return this.opened(site);
  }

  async openOutbox(site: SiteRef): Promise<OutboxSite> {
    return (await this.opened(site)).outbox;
  }

  private opened(site: SiteRef): Promise<GraphHelpdeskSite> {
    const key = siteKey(site);
    let opening = this.sites.get(key);
    if (!opening) {
      opening = this.resolve(site, key);
      this.sites.set(key, opening);
      // A failed open is not cached: permission granted or lists provisioned later must work.
      opening.catch(() => {
        if (this.sites.get(key) === opening) this.sites.delete(key);
      });
    }
    return opening;
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
