/**
 * Staging on Azure Storage (the contract and the claim-check design: staging.ts): the sealed mail
 * in the staging container, its message on the mail queue, poison on the poison queue.
 * Blob and queue calls made for a mail carry its deadline's signal (lib/deadline.ts).
 */
import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';

import type { BlockBlobClient, ContainerClient } from '@azure/storage-blob';
import type { QueueClient } from '@azure/storage-queue';

import type { StorageSettings } from '../config';

import { currentSignal } from '../deadline';
import { PermanentError } from '../errors';
import { blobService, queueClient } from './clients';
import { DecryptError, openStream, sealSlices } from './crypto';
import type { KeyRing } from './keyring';
import { MAIL_QUEUE, POISON_QUEUE, STAGING_CONTAINER } from './names';
import {
  type MailMessage,
  type MailQueue,
  type MailStaging,
  type StageExtra,
  encodeQueueMessage,
} from './staging';

// Staged mail goes up in 4 MiB blocks, two at a time: a 35 MB mail in 9 blocks, with at most
// about 8 MiB of it buffered beside the mail itself.
const UPLOAD_BLOCK_BYTES = 4 * 1024 * 1024;
const UPLOAD_CONCURRENCY = 2;

/** Both sides in one class: staging a mail also enqueues it, so they share the clients. */
export class BlobMailStaging implements MailStaging, MailQueue {
  private readonly container: ContainerClient;
  private readonly queue: QueueClient;
  private readonly poisonQueue: QueueClient;
  private readying: Promise<void> | undefined;

  constructor(
    storage: StorageSettings,
    private readonly keys: KeyRing,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.container = blobService(storage).getContainerClient(STAGING_CONTAINER);
    this.queue = queueClient(storage, MAIL_QUEUE);
    this.poisonQueue = queueClient(storage, POISON_QUEUE);
  }

  async probe(): Promise<void> {
    await this.ready();
    await Promise.all([this.container.getProperties(), this.queue.getProperties()]);
  }

  /** Creates the container and queues once per process (infra/ creates them in Azure). */
  ready(): Promise<void> {
    this.readying ??= Promise.all([
      this.container.createIfNotExists(),
      this.queue.createIfNotExists(),
      this.poisonQueue.createIfNotExists(),
    ]).then(
      () => undefined,
      (err: unknown) => {
        this.readying = undefined;
        throw err;
      },
    );
    return this.readying;
  }

  async stage(
    tenant: string,
    mailbox: string,
    raw: Buffer,
    extra: StageExtra = {},
  ): Promise<MailMessage> {
    await this.ready();
    const received = this.now();
    const mailId = randomUUID();
    // Tenant then day: what waits for a tenant is one prefix listing, and the purge timer finds
    // stale mail by its day without reading any mail.
    const blob = `${tenant}/${received.toISOString().slice(0, 10)}/${mailId}.eml`;
    // Sealed slice by slice as it uploads: the mail is not held a second time as ciphertext.
    // The key as stored now, not a cached copy: refused (TenantErased) once the tenant is erased.
    const sealed = Readable.from(sealSlices(await this.keys.sealingKey(tenant), raw, blob));
    await this.container
      .getBlockBlobClient(blob)
      .uploadStream(sealed, UPLOAD_BLOCK_BYTES, UPLOAD_CONCURRENCY, {
        blobHTTPHeaders: { blobContentType: 'application/octet-stream' },
        abortSignal: currentSignal(),
      });
    const message: MailMessage = {
      v: 1,
      mailId,
      blob,
      tenant,
      mailbox,
      receivedAt: received.toISOString(),
      // Only what was given: a mail from /api/inbound keeps exactly the message it always had.
      ...(extra.source ? { source: extra.source } : {}),
      ...(extra.door ? { door: extra.door } : {}),
      ...(extra.recovery ? { recovery: extra.recovery } : {}),
    };
    await this.queue.sendMessage(encodeQueueMessage(message), { abortSignal: currentSignal() });
    return message;
  }

  async read(message: MailMessage): Promise<Buffer | undefined> {
    let download: Awaited<ReturnType<BlockBlobClient['download']>>;
    try {
      download = await this.container
        .getBlockBlobClient(message.blob)
        .download(0, undefined, { abortSignal: currentSignal() });
    } catch (err) {
      if ((err as { statusCode?: number }).statusCode === 404) return undefined;
      throw err;
    }
    const body = download.readableStreamBody as (Readable & AsyncIterable<Buffer>) | undefined;
    const key = await this.keys.existingKey(message.tenant);
    if (!key || !body) {
      body?.destroy();
      if (!key) {
        throw new PermanentError('tenant-key-missing', 'the tenant key is gone (tenant erased)');
      }
      throw new Error('blob download without a body');
    }
    try {
      // Decrypted as it downloads: a mail is held once in memory, not beside its ciphertext.
      return await openStream(key, body, download.contentLength ?? -1, message.blob);
    } catch (err) {
      if (!(err instanceof DecryptError)) throw err;
      throw new PermanentError(
        'staged-mail-unreadable',
        'the staged mail failed its integrity check',
        { cause: err },
      );
    }
  }

  async remove(message: MailMessage): Promise<void> {
    await this.container
      .getBlockBlobClient(message.blob)
      .deleteIfExists({ abortSignal: currentSignal() });
  }

  async hold(message: MailMessage, delaySeconds: number): Promise<void> {
    const held: MailMessage = { ...message, held: (message.held ?? 0) + 1 };
    await this.queue.sendMessage(encodeQueueMessage(held), {
      visibilityTimeout: delaySeconds,
      abortSignal: currentSignal(),
    });
  }

  async countStaged(tenant: string): Promise<number> {
    await this.ready();
    let count = 0;
    for await (const _blob of this.container.listBlobsFlat({ prefix: `${tenant}/` })) count++;
    return count;
  }

  /** Without the mail's deadline: a mail that ran out of time must still reach the poison queue. */
  async poison(message: unknown, code: string): Promise<void> {
    await this.ready();
    await this.poisonQueue.sendMessage(
      encodeQueueMessage({ message, error: code, at: this.now().toISOString() }),
    );
  }
}
