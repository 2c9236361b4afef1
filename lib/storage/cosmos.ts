/**
 * The service's Cosmos containers, created on first use (infra/ creates them in Azure):
 * `tenants` (partitioned by /domain, id = domain), `mailboxes` (support address → domain) and
 * `keys` (wrapped per-tenant data keys), both partitioned by /id, and `senders` (per-sender mail
 * counts of the burst limit, partitioned by /tenant) and `senderAcks` (the senders acknowledged
 * within the hour, likewise), and `relayTokens` (Mailgun webhook tokens already taken, by hash,
 * partitioned by /id, each expiring once its timestamp is too old to be taken anyway), and
 * `tombstones` (one `{ id: domain, erasedAt }` per erased tenant, partitioned by /id; removed by
 * the licenceEnd timer: lib/tenants/tombstones.ts). Every read is a point read.
 */
import type { Container, CosmosClient, Database } from '@azure/cosmos';

import { cosmosClient } from './clients';
import { sharedUntilFailure } from './promiseCache';

const PARTITION_KEYS = {
  tenants: '/domain',
  mailboxes: '/id',
  keys: '/id',
  senders: '/tenant',
  senderAcks: '/tenant',
  relayTokens: '/id',
  tombstones: '/id',
} as const;
// -1: time-to-live on, each item says its own (`ttl`); Cosmos deletes it that long after its
// last write. Infra creates the container with the same setting in Azure.
const DEFAULT_TTL: Partial<Record<keyof typeof PARTITION_KEYS, number>> = {
  senders: -1,
  senderAcks: -1,
  relayTokens: -1,
};
export type ContainerName = keyof typeof PARTITION_KEYS;

/** The HTTP status a Cosmos call failed with (404 not found, 409 conflict, 412 changed since read). */
export const cosmosStatus = (err: unknown): number | undefined => (err as { code?: number }).code;

export class CosmosContainers {
  private readonly opened = new Map<ContainerName, Promise<Container>>();
  private database: Promise<Database> | undefined;

  constructor(
    private readonly client: CosmosClient,
    private readonly databaseId: string,
  ) {}

  static connect(endpoint: string, key: string | undefined, databaseId: string): CosmosContainers {
    return new CosmosContainers(cosmosClient({ endpoint, key, database: databaseId }), databaseId);
  }

  get(name: ContainerName): Promise<Container> {
    return sharedUntilFailure(this.opened, name, () => this.open(name));
  }

  private async open(name: ContainerName): Promise<Container> {
    this.database ??= onceOnConflict(async () => {
      const { database } = await this.client.databases.createIfNotExists({ id: this.databaseId });
      return database;
    }).catch((err: unknown) => {
      this.database = undefined;
      throw err;
    });
    const database = await this.database;
    return onceOnConflict(async () => {
      const { container } = await database.containers.createIfNotExists({
        id: name,
        partitionKey: { paths: [PARTITION_KEYS[name]] },
        ...(DEFAULT_TTL[name] === undefined ? {} : { defaultTtl: DEFAULT_TTL[name] }),
      });
      return container;
    });
  }

  /** The account's write regions, for the EU-only check at start-up. */
  async writeRegions(): Promise<string[]> {
    const account = await this.client.getDatabaseAccount();
    return account.resource?.writableLocations.map((l) => l.name) ?? [];
  }
}

/**
 * createIfNotExists reads, then creates: two instances starting together can both miss the read
 * and one create then fails with 409. The resource exists by then, so one more try finds it.
 */
async function onceOnConflict<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (cosmosStatus(err) !== 409) throw err;
    return work();
  }
}
