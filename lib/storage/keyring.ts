/**
 * Per-tenant data keys, stored only wrapped by the master key, in the `keys` container beside the
 * tenant records (one document per tenant, id = the tenant's domain). Created on first use; a
 * race between instances is settled by Cosmos (create fails with 409, the loser re-reads).
 * Destroying a tenant's document is crypto-shredding: its logs and staged mail cannot be read again.
 */
import type { Container } from '@azure/cosmos';

import { newDataKey, unwrapKey, wrapKey } from './crypto';
import { sharedUntilFailure } from './promiseCache';

interface KeyRecord {
  id: string;
  wrapped: string;
  createdAt: string;
}

export interface KeyRing {
  keyFor(tenant: string): Promise<Buffer>;
  /** The key if it exists, without creating one (readers, export). */
  existingKey(tenant: string): Promise<Buffer | undefined>;
  destroy(tenant: string): Promise<boolean>;
}

export class CosmosKeyRing implements KeyRing {
  private readonly cache = new Map<string, Promise<Buffer>>();

  constructor(
    private readonly container: () => Promise<Container>,
    private readonly master: Buffer,
  ) {}

  async existingKey(tenant: string): Promise<Buffer | undefined> {
    const container = await this.container();
    const { resource } = await container.item(tenant, tenant).read<KeyRecord>();
    return resource ? unwrapKey(this.master, resource.wrapped, tenant) : undefined;
  }

  keyFor(tenant: string): Promise<Buffer> {
    return sharedUntilFailure(this.cache, tenant, () => this.load(tenant));
  }

  private async load(tenant: string): Promise<Buffer> {
    const existing = await this.existingKey(tenant);
    if (existing) return existing;
    const container = await this.container();
    const dataKey = newDataKey();
    const record: KeyRecord = {
      id: tenant,
      wrapped: wrapKey(this.master, dataKey, tenant),
      createdAt: new Date().toISOString(),
    };
    try {
      await container.items.create(record);
      return dataKey;
    } catch (err) {
      if ((err as { code?: number }).code !== 409) throw err;
      const winner = await this.existingKey(tenant);
      if (!winner) throw err;
      return winner;
    }
  }

  async destroy(tenant: string): Promise<boolean> {
    this.cache.delete(tenant);
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
