/**
 * Tenant and licence records in Cosmos DB. What the service may keep about a customer is exactly
 * this: the SharePoint domain, its Entra tenant id, the helpdesk site, the support addresses
 * routed to it, plan/expiry/suspension and the helpdesk installations' URLs. No people, no content.
 *
 * `tenants` is partitioned by /domain with id = domain, so a tenant is one point read (1 RU).
 * `mailboxes` maps a support address to its tenant's domain (partitioned by /id = the address), so
 * routing an inbound mail is one more point read; both are cached briefly in memory.
 */
import type { RemoteImages } from '../mail/htmlImages';
import type { CosmosContainers } from '../storage/cosmos';
import { Coalescer } from './coalesce';
import { LookupCache } from './lookupCache';

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

interface MailboxRecord {
  id: string;
  domain: string;
}

// Routing data changes rarely (an operator adds a mailbox); 60 s keeps a burst of mail to one
// address at one read a minute per instance, and a change is seen within a minute.
const CACHE_TTL_MS = 60_000;
// The licence endpoint is anonymous: lookups of made-up domains must not grow memory for ever.
export const MAX_CACHED = 10_000;

export class CosmosTenantStore implements TenantStore {
  private readonly cache: LookupCache<TenantRecord | undefined>;

  constructor(
    private readonly cosmos: CosmosContainers,
    now: () => number = Date.now,
  ) {
    this.cache = new LookupCache(CACHE_TTL_MS, MAX_CACHED, now);
  }

  async ready(): Promise<void> {
    await Promise.all([this.cosmos.get('tenants'), this.cosmos.get('mailboxes')]);
  }

  async probe(): Promise<void> {
    await (await this.cosmos.get('tenants')).read();
  }

  private async containers() {
    const [tenants, mailboxes] = await Promise.all([
      this.cosmos.get('tenants'),
      this.cosmos.get('mailboxes'),
    ]);
    return { tenants, mailboxes };
  }

  get(domain: string): Promise<TenantRecord | undefined> {
    const key = domain.toLowerCase();
    return this.cache.get(`t:${key}`, async () => {
      const { tenants } = await this.containers();
      const { resource } = await tenants.item(key, key).read<TenantRecord>();
      return resource;
    });
  }

  byAddress(address: string): Promise<TenantRecord | undefined> {
    const key = address.trim().toLowerCase();
    return this.cache.get(`a:${key}`, async () => {
      const { mailboxes } = await this.containers();
      const { resource } = await mailboxes.item(key, key).read<MailboxRecord>();
      return resource ? this.get(resource.domain) : undefined;
    });
  }

  async put(record: Omit<TenantRecord, 'id'>): Promise<void> {
    const { tenants, mailboxes } = await this.containers();
    const domain = record.domain.toLowerCase();
    const supportAddresses = record.supportAddresses.map((a) => a.toLowerCase());
    const { resource: before } = await tenants.item(domain, domain).read<TenantRecord>();
    await tenants.items.upsert<TenantRecord>({ ...record, id: domain, domain, supportAddresses });
    await Promise.all(
      supportAddresses.map((id) => mailboxes.items.upsert<MailboxRecord>({ id, domain })),
    );
    // An address dropped from the tenant must stop routing mail to it.
    const dropped = (before?.supportAddresses ?? []).filter((a) => !supportAddresses.includes(a));
    await Promise.all(dropped.map((a) => mailboxes.item(a, a).delete().catch(ignoreNotFound)));
    this.cache.clear();
  }

  recordInstallation(domain: string, site: string, now: Date): Promise<void> {
    return this.installations.add(domain.toLowerCase(), { site, now });
  }

  private readonly installations = new Coalescer<{ site: string; now: Date }>((key, seen) =>
    this.writeInstallations(key, seen),
  );

  private async writeInstallations(
    key: string,
    seen: Array<{ site: string; now: Date }>,
  ): Promise<void> {
    const { tenants } = await this.containers();
    // Each attempt re-reads the record; a 412 means another instance wrote in between.
    for (let attempt = 1; ; attempt++) {
      const { resource, etag } = await tenants.item(key, key).read<TenantRecord>();
      if (!resource) return;
      const installations = seen.reduce(withInstallation, resource.installations);
      try {
        const { resource: written } = await tenants
          .item(key, key)
          .replace<TenantRecord>(
            { ...resource, installations },
            { accessCondition: { type: 'IfMatch', condition: etag } },
          );
        // What was just written is the freshest copy: the next check needs no read.
        this.cache.set(`t:${key}`, Promise.resolve(written));
        return;
      } catch (err) {
        if ((err as { code?: number }).code !== 412 || attempt >= MAX_ETAG_ATTEMPTS) throw err;
      }
    }
  }

  async remove(domain: string): Promise<boolean> {
    const { tenants, mailboxes } = await this.containers();
    const key = domain.toLowerCase();
    const { resource } = await tenants.item(key, key).read<TenantRecord>();
    if (!resource) return false;
    await Promise.all(
      resource.supportAddresses.map((a) =>
        mailboxes
          .item(a, a)
          .delete()
          .catch(() => undefined),
      ),
    );
    await tenants.item(key, key).delete();
    this.cache.clear();
    return true;
  }

  async list(): Promise<TenantRecord[]> {
    const { tenants } = await this.containers();
    const { resources } = await tenants.items.readAll<TenantRecord>().fetchAll();
    return resources.sort((a, b) => a.domain.localeCompare(b.domain));
  }
}

// Writes are coalesced per instance, so only other instances race for the record; ten rounds of
// read-and-replace is far beyond what a real burst needs.
const MAX_ETAG_ATTEMPTS = 10;

// The endpoint is anonymous: anyone can report made-up sites of a customer's domain. A tenant's
// record keeps the most recently seen installations only, so it stays a small point read; a
// real installation pushed out comes back with its next check.
export const MAX_INSTALLATIONS = 200;

function withInstallation(
  installations: Installation[],
  { site, now }: { site: string; now: Date },
): Installation[] {
  const at = now.toISOString();
  const next = installations.some((i) => i.url === site)
    ? installations.map((i) => (i.url === site ? { ...i, lastSeen: at } : i))
    : [...installations, { url: site, firstSeen: at, lastSeen: at }];
  if (next.length <= MAX_INSTALLATIONS) return next;
  return [...next].sort((a, b) => b.lastSeen.localeCompare(a.lastSeen)).slice(0, MAX_INSTALLATIONS);
}

function ignoreNotFound(err: unknown): void {
  if ((err as { code?: number }).code !== 404) throw err;
}
