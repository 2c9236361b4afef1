/**
 * The storage side of the composition root (deps.ts): the blob containers, Cosmos, the key ring,
 * the log sink and the tenant store, built from the configuration. dev/ tools and tests that need
 * only these build them here, without the Graph and mail parts.
 */
import type { ContainerClient } from '@azure/storage-blob';

import type { Config, StorageSettings } from './config';
import { blobService } from './storage/clients';
import { CosmosContainers } from './storage/cosmos';
import { CosmosKeyRing, type KeyRing } from './storage/keyring';
import { EncryptedLogSink, LOGS_CONTAINER } from './storage/logs';
import { STAGING_CONTAINER } from './storage/names';
import { CosmosTenantStore } from './tenants/cosmosStore';
import { tombstonesIn } from './tenants/tombstones';

export interface BlobContainers {
  logs: ContainerClient;
  staging: ContainerClient;
}

export function blobContainers(storage: StorageSettings): BlobContainers {
  const service = blobService(storage);
  return {
    logs: service.getContainerClient(LOGS_CONTAINER),
    staging: service.getContainerClient(STAGING_CONTAINER),
  };
}

export function connectCosmos(config: Pick<Config, 'cosmos'>): CosmosContainers {
  return CosmosContainers.connect(
    config.cosmos.endpoint,
    config.cosmos.key,
    config.cosmos.database,
  );
}

export function buildKeyRing(
  cosmos: CosmosContainers,
  config: Pick<Config, 'logMasterKey'>,
): CosmosKeyRing {
  return new CosmosKeyRing(() => cosmos.get('keys'), config.logMasterKey, tombstonesIn(cosmos));
}

/** The encrypted log sink; `logs` defaults to the service's own container. */
export function buildLogSink(
  config: Pick<Config, 'storage'>,
  keys: KeyRing,
  logs: ContainerClient = blobContainers(config.storage).logs,
): EncryptedLogSink {
  return new EncryptedLogSink(logs, keys);
}

/** The Cosmos side: containers, the key ring and the tenant store (a tool's usual needs). */
export function buildStores(config: Pick<Config, 'cosmos' | 'logMasterKey'>) {
  const cosmos = connectCosmos(config);
  const keys = buildKeyRing(cosmos, config);
  return { cosmos, keys, tenants: new CosmosTenantStore(cosmos) };
}
