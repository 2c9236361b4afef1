/**
 * Claim-check staging: the raw mail goes to a blob, the queue carries only a small JSON message
 * naming it (queue messages are capped at 64 KiB; mails are up to MAIL_MAX_BYTES). The blob is
 * deleted once the mail is in SharePoint and kept when the mail is poisoned, for replay.
 * The blob is sealed under the tenant's data key (AES-256-GCM, its name as associated data), so a
 * mail waiting in a poison queue is not readable at rest and erasing the tenant shreds it.
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

export { MAIL_QUEUE, POISON_QUEUE, STAGING_CONTAINER };
// Staged mail goes up in 4 MiB blocks, two at a time: a 35 MB mail in 9 blocks, with at most
// about 8 MiB of it buffered beside the mail itself.
const UPLOAD_BLOCK_BYTES = 4 * 1024 * 1024;
const UPLOAD_CONCURRENCY = 2;

export interface MailMessage {
  v: 1;
  mailId: string;
  /** Blob name inside the staging container. */
  blob: string;
  /** The tenant's SharePoint domain (its key in the tenant store). */
  tenant: string;
  /** The support address the mail was delivered to. */
  mailbox: string;
  receivedAt: string;
  /** How many times the mail was held back because its tenant's licence was not valid. */
  held?: number;
}

/** The blob side: a mail's sealed bytes, from the door until it is in SharePoint. */
export interface MailStaging {
  stage(tenant: string, mailbox: string, raw: Buffer): Promise<MailMessage>;
  /** The staged bytes, or undefined when the blob is gone (the mail was already written). */
  read(message: MailMessage): Promise<Buffer | undefined>;
  remove(message: MailMessage): Promise<void>;
  /** How many mails of a tenant are staged (in flight, held or poisoned). */
  countStaged(tenant: string): Promise<number>;
  ready(): Promise<void>;
  /** One live round trip to the blob container and the queue (health); never cached. */
  probe(): Promise<void>;
}

/** The queue side: what happens to a mail's message other than the trigger consuming it. */
export interface MailQueue {
  /** Moves a message that can never succeed to the poison queue at once; its blob stays. */
  poison(message: unknown, code: string): Promise<void>;
  /** Puts the mail back on the queue, invisible for `delaySeconds`, its blob kept. */
  hold(message: MailMessage, delaySeconds: number): Promise<void>;
}

export function parseMailMessage(value: unknown): MailMessage {
  const m = (typeof value === 'string' ? safeJson(value) : value) as Partial<MailMessage> | null;
  const ok =
    m !== null &&
    typeof m === 'object' &&
    m.v === 1 &&
    [m.mailId, m.blob, m.tenant, m.mailbox, m.receivedAt].every((s) => typeof s === 'string' && s);
  if (!ok) throw new PermanentError('bad-queue-message', 'queue message is not a staged mail');
  return m as MailMessage;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** Base64 of the JSON, as the Functions host's queue trigger expects (messageEncoding base64). */
export function encodeQueueMessage(value: unknown): string {
  return Buffer.from(JSON.stringify(value), 'utf8').toString('base64');
}

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

  async stage(tenant: string, mailbox: string, raw: Buffer): Promise<MailMessage> {
    await this.ready();
    const received = this.now();
    const mailId = randomUUID();
    // Tenant then day: what waits for a tenant is one prefix listing, and the purge timer finds
    // stale mail by its day without reading any mail.
    const blob = `${tenant}/${received.toISOString().slice(0, 10)}/${mailId}.eml`;
    // Sealed slice by slice as it uploads: the mail is not held a second time as ciphertext.
    const sealed = Readable.from(sealSlices(await this.keys.keyFor(tenant), raw, blob));
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
