/**
 * A tenant as the service knows it: what may be kept about a customer is exactly this, the
 * SharePoint domain, its Entra tenant id, the helpdesk site, the support addresses routed to it,
 * plan/expiry/suspension and the helpdesk installations' URLs. No people, no content.
 * The mail pipeline reads it (routing, licence, site); the licence endpoint reads and records it.
 */
import type { RemoteImages } from '../mail/htmlImages';
import type { SpamSettings } from '../mail/spam';

export interface Installation {
  url: string;
  firstSeen: string;
  lastSeen: string;
}

export interface Licence {
  plan: string;
  /** ISO date (YYYY-MM-DD): the last day the licence is valid. */
  expiresAt: string;
  suspended: boolean;
}

export interface TenantRecord {
  id: string;
  /** The SharePoint Online domain, e.g. contoso.sharepoint.com. */
  domain: string;
  alias?: string;
  entraTenantId: string;
  siteUrl: string;
  supportAddresses: string[];
  licence: Licence;
  installations: Installation[];
  /** Whether ticket bodies may load remote https images in agents' browsers; unset is 'block'. */
  remoteImages?: RemoteImages;
  /** The language of the mail the service sends for the tenant (`en`, `de`); unset is `en`. */
  language?: string;
  // The spam settings (`spam-filter`, `spam-score`, `spam-scl`, `spamassassin-headers`); what
  // each means and its default when unset are in mail/spam.ts.
  spamFilter?: SpamSettings['spamFilter'];
  spamScore?: number;
  spamScl?: number;
  spamAssassinHeaders?: SpamSettings['spamAssassinHeaders'];
}

export interface TenantStore {
  get(domain: string): Promise<TenantRecord | undefined>;
  /** The tenant a support address belongs to (case-insensitive). */
  byAddress(address: string): Promise<TenantRecord | undefined>;
  put(record: Omit<TenantRecord, 'id'>): Promise<void>;
  /**
   * Records that an installation at `site` checked its licence: adds it, or refreshes lastSeen.
   * Read-modify-write guarded by the record's ETag, so concurrent first checks lose no URL.
   */
  recordInstallation(domain: string, site: string, now: Date): Promise<void>;
  remove(domain: string): Promise<boolean>;
  list(): Promise<TenantRecord[]>;
  ready(): Promise<void>;
  /** One live round trip to Cosmos (health); never cached. */
  probe(): Promise<void>;
}

/** Finds a tenant by its domain or its alias (`contoso`). */
export async function findTenant(
  tenants: TenantStore,
  nameOrDomain: string,
): Promise<TenantRecord | undefined> {
  const wanted = nameOrDomain.trim().toLowerCase();
  return (
    (await tenants.get(wanted)) ??
    (await tenants.list()).find((t) => t.alias?.toLowerCase() === wanted)
  );
}
