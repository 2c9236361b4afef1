/**
 * Per-tenant data keys, stored only wrapped by the master key, in the `keys` container beside the
 * tenant records (one document per tenant, id = the tenant's domain). Created on first use; a
 * race between instances is settled by Cosmos (create fails with 409, the loser re-reads).
 * Destroying a tenant's document is crypto-shredding: its logs and staged mail cannot be read again.
 *
 * An erased tenant's key is never created again. Erasure does not delete the key document but
 * replaces it with a marker `{ id, erased: true, erasedAt }` holding no key material, so a racing
 * create-if-not-exists fails with a conflict on the server whatever an instance's read
 * consistency, and finding the marker throws TenantErased. The tombstone (lib/tenants/
 * tombstones.ts) is read before a missing key is created and once more after (an erasure between
 * the two will write its marker over the new key). The marker goes with the tombstone. Newly
 * staged mail is sealed under the key as stored now (`sealingKey`, one point read a mail), never
 * a cached copy, so mail for a tenant erased a moment ago is refused.
 */
import type { Container } from '@azure/cosmos';

import { TenantErased } from '../errors';
import { LookupCache } from '../tenants/lookupCache';
import type { Tombstones } from '../tenants/tombstones';
import { cosmosStatus } from './cosmos';
import { newDataKey, unwrapKey, wrapKey } from './crypto';

interface KeyRecord {
  id: string;
  wrapped: string;
  createdAt: string;
}

/** What erasure leaves in place of the key: no key material, only that and when. */
interface ErasedMarker {
  id: string;
  erased: true;
  erasedAt: string;
}

type KeyDocument = KeyRecord | ErasedMarker;
const isMarker = (doc: KeyDocument): doc is ErasedMarker => 'erased' in doc && doc.erased;

export interface KeyRing {
  /** The tenant's key, created when missing; cached for a few minutes (logs, sender HMACs). */
  keyFor(tenant: string): Promise<Buffer>;
  /** The key to seal a newly staged mail with: read from Cosmos every time, never cached. */
  sealingKey(tenant: string): Promise<Buffer>;
  /** The key if it exists, without creating one (readers, export). */
  existingKey(tenant: string): Promise<Buffer | undefined>;
  /** Puts the erased marker in the key's place; true when there was a key. */
  destroy(tenant: string, erasedAt: string): Promise<boolean>;
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
    const doc = await this.read(tenant);
    return doc && !isMarker(doc) ? unwrapKey(this.master, doc.wrapped, tenant) : undefined;
  }

  private async read(tenant: string): Promise<KeyDocument | undefined> {
    const container = await this.container();
    return (await container.item(tenant, tenant).read<KeyDocument>()).resource;
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
    const existing = await this.unwrapOrRefuse(tenant);
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
      // Another instance's key, or an erasure's marker: the server refused ours either way.
      if (cosmosStatus(err) !== 409) throw err;
      const winner = await this.unwrapOrRefuse(tenant);
      if (!winner) throw err;
      return winner;
    }
    // An erasure lays its tombstone, then writes its marker over the key. A tombstone laid after
    // the read above but before this create means that marker is on its way: refuse the key now.
    await this.refuseErased(tenant);
    return dataKey;
  }

  private async unwrapOrRefuse(tenant: string): Promise<Buffer | undefined> {
    const doc = await this.read(tenant);
    if (doc && isMarker(doc)) throw new TenantErased();
    return doc && unwrapKey(this.master, doc.wrapped, tenant);
  }

  private async refuseErased(tenant: string): Promise<void> {
    if (await this.tombstones.isErased(tenant)) throw new TenantErased();
  }

  async destroy(tenant: string, erasedAt: string): Promise<boolean> {
    this.cache.delete(tenant);
    const had = await this.read(tenant);
    // One upsert replaces the key: there is never a moment without a document to conflict with.
    // A marker already there keeps its first time (an erasure run again).
    if (had && isMarker(had)) return false;
    const container = await this.container();
    await container.items.upsert({ id: tenant, erased: true, erasedAt });
    return had !== undefined;
  }
}

/**
 * Removes an erased tenant's marker when its tombstone goes (lib/tenants/tombstones.ts): only a
 * marker, and only the one read (If-Match), never a key created since.
 */
export async function removeErasedMarker(keys: Container, tenant: string): Promise<boolean> {
  const item = keys.item(tenant, tenant);
  const { resource, etag } = await item.read<KeyDocument>();
  if (!resource || !isMarker(resource)) return false;
  try {
    await item.delete({ accessCondition: { type: 'IfMatch', condition: etag } });
    return true;
  } catch (err) {
    if (cosmosStatus(err) === 404 || cosmosStatus(err) === 412) return false;
    throw err;
  }
}
