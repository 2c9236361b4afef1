/**
 * The local Cosmos server keeps its state in memory only. For `npm start`, its databases are
 * saved to a JSON file (periodically and on a clean stop) and loaded again at the next start,
 * through the Cosmos SDK against the server itself: tenants, routing, the wrapped data keys and
 * the burst windows survive a restart, so logs and staged mail in the (persistent) Azurite stay
 * readable, as they would in Azure.
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';

import { CosmosClient } from '@azure/cosmos';

interface SavedContainer {
  id: string;
  partitionKey: string[];
  defaultTtl?: number;
  items: Array<Record<string, unknown>>;
}
interface SavedDatabase {
  id: string;
  containers: SavedContainer[];
}

// The server's own bookkeeping, rebuilt when an item is written again.
const SYSTEM = new Set(['_rid', '_self', '_etag', '_ts', '_attachments']);
const userFields = (item: Record<string, unknown>): Record<string, unknown> =>
  Object.fromEntries(Object.entries(item).filter(([k]) => !SYSTEM.has(k)));

export async function saveCosmos(client: CosmosClient, file: string): Promise<void> {
  const databases: SavedDatabase[] = [];
  const { resources: dbs } = await client.databases.readAll().fetchAll();
  for (const db of dbs) {
    const containers: SavedContainer[] = [];
    const { resources } = await client.database(db.id).containers.readAll().fetchAll();
    for (const c of resources) {
      const { resources: items } = await client
        .database(db.id)
        .container(c.id)
        .items.readAll<Record<string, unknown>>()
        .fetchAll();
      containers.push({
        id: c.id,
        partitionKey: c.partitionKey?.paths ?? ['/id'],
        ...(c.defaultTtl === undefined ? {} : { defaultTtl: c.defaultTtl }),
        items: items.map(userFields),
      });
    }
    databases.push({ id: db.id, containers });
  }
  // Written aside and renamed: a stop in the middle leaves the previous state whole.
  writeFileSync(`${file}.tmp`, JSON.stringify({ databases }));
  renameSync(`${file}.tmp`, file);
}

export async function loadCosmos(client: CosmosClient, file: string): Promise<number> {
  if (!existsSync(file)) return 0;
  const { databases } = JSON.parse(readFileSync(file, 'utf8')) as { databases: SavedDatabase[] };
  let count = 0;
  for (const saved of databases) {
    const { database } = await client.databases.createIfNotExists({ id: saved.id });
    for (const c of saved.containers) {
      const { container } = await database.containers.createIfNotExists({
        id: c.id,
        partitionKey: { paths: c.partitionKey },
        ...(c.defaultTtl === undefined ? {} : { defaultTtl: c.defaultTtl }),
      });
      for (const item of c.items) {
        await container.items.upsert(item);
        count++;
      }
    }
  }
  return count;
}
