/**
 * Tenant records in Cosmos DB (what a record holds: store.ts).
 *
 * `tenants` is partitioned by /domain with id = domain, so a tenant is one point read (1 RU).
 * `mailboxes` maps a support address to its tenant's domain (partitioned by /id = the address), so
 * routing an inbound mail is one more point read; both are cached briefly in memory.
 */
import { currentSignal } from '../deadline';
import { type CosmosContainers, cosmosStatus } from '../storage/cosmos';
import { Coalescer } from './coalesce';
import { withInstallation } from './installations';
import { LookupCache } from './lookupCache';
import type { TenantRecord, TenantStore } from './store';

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
      const abortSignal = currentSignal();
      const { resource } = await tenants.item(key, key).read<TenantRecord>({ abortSignal });
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
        if (cosmosStatus(err) !== 412 || attempt >= MAX_ETAG_ATTEMPTS) throw err;
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

function ignoreNotFound(err: unknown): void {
  if (cosmosStatus(err) !== 404) throw err;
}
