/**
 * Storage and Cosmos clients from the configuration: keys for the local stack, the function's
 * managed identity in Azure (storage has shared-key access and Cosmos local auth disabled there).
 */
import { CosmosClient } from '@azure/cosmos';
import { DefaultAzureCredential } from '@azure/identity';
import { BlobServiceClient } from '@azure/storage-blob';
import { QueueClient } from '@azure/storage-queue';

import type { Config, StorageSettings } from '../config';
import { currentSignal } from '../deadline';
import { encodeQueueMessage } from './staging';

function credential(clientId: string | undefined): DefaultAzureCredential {
  return new DefaultAzureCredential(clientId ? { managedIdentityClientId: clientId } : {});
}

export function blobService(storage: StorageSettings): BlobServiceClient {
  return storage.kind === 'connectionString'
    ? BlobServiceClient.fromConnectionString(storage.connectionString)
    : new BlobServiceClient(storage.blobUrl, credential(storage.clientId));
}

export function queueClient(storage: StorageSettings, name: string): QueueClient {
  return storage.kind === 'connectionString'
    ? new QueueClient(storage.connectionString, name)
    : new QueueClient(
        `${storage.queueUrl.replace(/\/+$/, '')}/${name}`,
        credential(storage.clientId),
      );
}

export function cosmosClient(cosmos: Config['cosmos']): CosmosClient {
  return cosmos.key
    ? new CosmosClient({ endpoint: cosmos.endpoint, key: cosmos.key })
    : new CosmosClient({ endpoint: cosmos.endpoint, aadCredentials: new DefaultAzureCredential() });
}

/** A queue that is only sent JSON (a job queue): created on first send, base64 as the host reads it. */
export interface JsonQueue {
  send(value: unknown): Promise<void>;
}

export function jsonQueue(storage: StorageSettings, name: string): JsonQueue {
  const queue = queueClient(storage, name);
  let ready: Promise<unknown> | undefined;
  return {
    async send(value) {
      ready ??= queue.createIfNotExists().catch((err: unknown) => {
        ready = undefined;
        throw err;
      });
      await ready;
      await queue.sendMessage(encodeQueueMessage(value), { abortSignal: currentSignal() });
    },
  };
}
