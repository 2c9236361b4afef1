/**
 * Erasure tombstones: one document per erased tenant in the Cosmos `tombstones` container,
 * `{ id: domain, erasedAt }` and nothing else (a company's SharePoint domain, no person's data).
 *
 * Why: an instance whose tenant cache (60 s) still routes mail to an erased tenant would stage it
 * and, the key being gone, create a new data key: the tenant's data would start again. An erasure
 * lays the tombstone first; from then on the key ring refuses to create the tenant's key and
 * staging refuses its mail (lib/storage/keyring.ts), on every instance.
 *
 * The daily licenceEnd timer removes tombstones older than TOMBSTONE_DAYS, but never one whose
 * tenant has a record again: an erasure that stopped part-way, or a `license set` after it, must
 * not bring the tenant back unseen. An operator creating the tenant again on purpose (`npm run
 * license -- add`, seeding) lifts its tombstone at once. Lifting also removes the erased marker
 * left in the tenant's key document (lib/storage/keyring.ts), so its key can be created again.
 */
import type { Container } from '@azure/cosmos';

import { type CosmosContainers, cosmosStatus } from '../storage/cosmos';
import { removeErasedMarker } from '../storage/keyring';

interface Tombstone {
  id: string;
  erasedAt: string;
}

export interface Tombstones {
  /** Written first by an erasure; writing it again keeps the first time. */
  lay(domain: string, now: Date): Promise<string>;
  isErased(domain: string): Promise<boolean>;
  /** The tenant is created again on purpose; true when there was a tombstone. */
  lift(domain: string): Promise<boolean>;
  /**
   * Lifts the tombstones laid before `cutoff`, except those `kept` (the tenant has a record);
   * answers how many went and which domains were kept.
   */
  removeOlderThan(cutoff: Date, kept: (domain: string) => boolean): Promise<TombstoneRemoval>;
}

export interface TombstoneRemoval {
  removed: number;
  kept: string[];
}

/**
 * Far past everything that can still name an erased tenant and make an instance act for it: the
 * tenant cache (60 s), the key cache (5 min), held mail (re-queued at most hourly, purged at
 * 7 days) and queue messages (7 days at most, the queues' time to live). Twice the longest.
 */
const TOMBSTONE_DAYS = 14;

export const DAY_MS = 24 * 3600 * 1000;

export function tombstoneCutoff(now: Date): Date {
  return new Date(now.getTime() - TOMBSTONE_DAYS * DAY_MS);
}

const idOf = (domain: string): string => domain.trim().toLowerCase();

export class CosmosTombstones implements Tombstones {
  constructor(
    private readonly container: () => Promise<Container>,
    private readonly keys: () => Promise<Container>,
  ) {}

  async lay(domain: string, now: Date): Promise<string> {
    const container = await this.container();
    const tombstone: Tombstone = { id: idOf(domain), erasedAt: now.toISOString() };
    try {
      await container.items.create(tombstone);
      return tombstone.erasedAt;
    } catch (err) {
      // An erasure run again (it is idempotent) keeps the first erasure's time, so a re-run
      // does not push the tombstone's removal further out.
      if (cosmosStatus(err) !== 409) throw err;
      return (await this.read(domain))?.erasedAt ?? tombstone.erasedAt;
    }
  }

  async isErased(domain: string): Promise<boolean> {
    return (await this.read(domain)) !== undefined;
  }

  async lift(domain: string): Promise<boolean> {
    // The marker first: while the tombstone stays, no key is created even without the marker.
    await removeErasedMarker(await this.keys(), idOf(domain));
    const container = await this.container();
    try {
      await container.item(idOf(domain), idOf(domain)).delete();
      return true;
    } catch (err) {
      if (cosmosStatus(err) === 404) return false;
      throw err;
    }
  }

  async removeOlderThan(
    cutoff: Date,
    kept: (domain: string) => boolean,
  ): Promise<TombstoneRemoval> {
    const container = await this.container();
    const { resources } = await container.items
      .query<Tombstone>({
        query: 'SELECT c.id, c.erasedAt FROM c WHERE c.erasedAt < @cutoff',
        parameters: [{ name: '@cutoff', value: cutoff.toISOString() }],
      })
      .fetchAll();
    const removal: TombstoneRemoval = { removed: 0, kept: [] };
    for (const t of resources) {
      if (kept(t.id)) removal.kept.push(t.id);
      else if (await this.lift(t.id)) removal.removed++;
    }
    return removal;
  }

  private async read(domain: string): Promise<Tombstone | undefined> {
    const container = await this.container();
    const { resource } = await container.item(idOf(domain), idOf(domain)).read<Tombstone>();
    return resource;
  }
}

/** The service's tombstones, in its Cosmos database. */
export function tombstonesIn(cosmos: Pick<CosmosContainers, 'get'>): CosmosTombstones {
  return new CosmosTombstones(
    () => cosmos.get('tombstones'),
    () => cosmos.get('keys'),
  );
}
