/**
 * Per-tenant data keys, stored only wrapped by the master key, in the `keys` container beside the
 * tenant records (one document per tenant, id = the tenant's domain). Created on first use; a
 * race between instances is settled by Cosmos (create fails with 409, the loser re-reads).
 * Destroying a tenant's document is crypto-shredding: its logs and staged mail cannot be read again.
 *
 * An erased tenant's key is never created again: its tombstone (lib/tenants/tombstones.ts) is
 * read before a key is created and once more after, and either read finding it throws
 * TenantErased. Newly staged mail is sealed under the key as stored now (`sealingKey`, one point
 * read a mail), never a cached copy, so mail for a tenant erased a moment ago is refused.
 */
import type { Container } from '@azure/cosmos';

import { TenantErased } from '../errors';
import { LookupCache } from '../tenants/lookupCache';
import type { Tombstones } from '../tenants/tombstones';
import { newDataKey, unwrapKey, wrapKey } from './crypto';

interface KeyRecord {
  id: string;
  wrapped: string;
  createdAt: string;
}

export interface KeyRing {
  /** The tenant's key, created when missing; cached for a few minutes (logs, sender HMACs). */
  keyFor(tenant: string): Promise<Buffer>;
  /** The key to seal a newly staged mail with: read from Cosmos every time, never cached. */
  sealingKey(tenant: string): Promise<Buffer>;
  /** The key if it exists, without creating one (readers, export). */
  existingKey(tenant: string): Promise<Buffer | undefined>;
  destroy(tenant: string): Promise<boolean>;
}

// A destroyed key lingers in other instances' memory at most this long, and a key created again
// on purpose after an erasure is used by all of them within it; one point read per tenant then.
const KEY_CACHE_MS = 5 * 60_000;
const MAX_CACHED_KEYS = 10_000;

export class CosmosKeyRing implements KeyRing {
  private readonly cache: LookupCache<Buffer>;

  constructor(
    private readonly container: () => Promise<Container>,
    private readonly master: Buffer,
    private readonly tombstones: Pick<Tombstones, 'isErased'>,
    now: () => number = Date.now,
  ) {
    this.cache = new LookupCache(KEY_CACHE_MS, MAX_CACHED_KEYS, now);
  }

  async existingKey(tenant: string): Promise<Buffer | undefined> {
    const container = await this.container();
    const { resource } = await container.item(tenant, tenant).read<KeyRecord>();
    return resource ? unwrapKey(this.master, resource.wrapped, tenant) : undefined;
  }

  keyFor(tenant: string): Promise<Buffer> {
    return this.cache.get(tenant, () => this.load(tenant));
  }

  sealingKey(tenant: string): Promise<Buffer> {
    const key = this.load(tenant);
    // The freshest copy serves the next keyFor too; an erased tenant's cached copy goes.
    key.then(
      (k) => this.cache.set(tenant, Promise.resolve(k)),
      (err: unknown) => err instanceof TenantErased && this.cache.delete(tenant),
    );
    return key;
  }

  private async load(tenant: string): Promise<Buffer> {
    const existing = await this.existingKey(tenant);
    if (existing) return existing;
    await this.refuseErased(tenant);
    const container = await this.container();
    const dataKey = newDataKey();
    const record: KeyRecord = {
      id: tenant,
      wrapped: wrapKey(this.master, dataKey, tenant),
      createdAt: new Date().toISOString(),
    };
    try {
      await container.items.create(record);
    } catch (err) {
      if ((err as { code?: number }).code !== 409) throw err;
      const winner = await this.existingKey(tenant);
      if (!winner) throw err;
      return winner;
    }
    // An erasure lays its tombstone, then destroys the key. A tombstone laid after the read above
    // but before this create would leave our new key behind: read it again, and undo.
    await this.refuseErased(tenant, () => this.remove(tenant));
    return dataKey;
  }

  private async refuseErased(tenant: string, undo?: () => Promise<unknown>): Promise<void> {
    if (!(await this.tombstones.isErased(tenant))) return;
    await undo?.();
    throw new TenantErased();
  }

  async destroy(tenant: string): Promise<boolean> {
    this.cache.delete(tenant);
    return this.remove(tenant);
  }

  private async remove(tenant: string): Promise<boolean> {
    const container = await this.container();
    try {
      await container.item(tenant, tenant).delete();
      return true;
    } catch (err) {
      if ((err as { code?: number }).code === 404) return false;
      throw err;
    }
  }
}
