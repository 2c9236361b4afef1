/**
 * Real clients on the test stack for storage and Cosmos tests; every test file gets a database
 * and containers of its own, so files never see each other's data.
 */
import { randomBytes } from 'node:crypto';

import { BlobServiceClient, type ContainerClient } from '@azure/storage-blob';

import { buildKeyRing, connectCosmos } from '../../../lib/deps';
import type { CosmosContainers } from '../../../lib/storage/cosmos';
import type { CosmosKeyRing } from '../../../lib/storage/keyring';
import { testSettings } from '../../support/stack';

export function unique(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
}

export function storageConnection(): string {
  return testSettings().AzureWebJobsStorage ?? '';
}

export function cosmos(database = unique('db')): CosmosContainers {
  const s = testSettings();
  return connectCosmos({
    cosmos: { endpoint: s.COSMOS_ENDPOINT ?? '', key: s.COSMOS_KEY ?? '', database },
  });
}

export function keyRing(containers = cosmos(), master = randomBytes(32)): CosmosKeyRing {
  return buildKeyRing(containers, { logMasterKey: master });
}

export async function blobContainer(name = unique('c')): Promise<ContainerClient> {
  const container =
    BlobServiceClient.fromConnectionString(storageConnection()).getContainerClient(name);
  await container.createIfNotExists();
  return container;
}

export async function blobNames(container: ContainerClient): Promise<string[]> {
  const names: string[] = [];
  for await (const b of container.listBlobsFlat()) names.push(b.name);
  return names;
}
