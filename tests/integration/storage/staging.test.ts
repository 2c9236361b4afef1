import { BlobServiceClient } from '@azure/storage-blob';
import { QueueClient } from '@azure/storage-queue';

import { BlobMailStaging } from '../../../lib/storage/blobStaging';
import { MAIL_QUEUE, POISON_QUEUE, STAGING_CONTAINER } from '../../../lib/storage/staging';
import { keyRing, storageConnection, unique } from './support';

const RAW = Buffer.from(
  'From: Anna <anna@example.com>\r\nSubject: Secret salary question\r\n\r\nMy salary is 1234.',
);

async function drainQueue(name: string): Promise<string[]> {
  const queue = new QueueClient(storageConnection(), name);
  await queue.createIfNotExists();
  const texts: string[] = [];
  for (;;) {
    const { receivedMessageItems } = await queue.receiveMessages({ numberOfMessages: 32 });
    if (receivedMessageItems.length === 0) return texts;
    for (const m of receivedMessageItems) {
      texts.push(Buffer.from(m.messageText, 'base64').toString('utf8'));
      await queue.deleteMessage(m.messageId, m.popReceipt);
    }
  }
}

describe('BlobMailStaging on Azurite', () => {
  const keys = keyRing();
  const staging = new BlobMailStaging(
    { kind: 'connectionString', connectionString: storageConnection() },
    keys,
  );
  const tenant = `${unique('t')}.sharepoint.com`;

  beforeAll(async () => {
    await staging.ready();
    await drainQueue(MAIL_QUEUE);
    await drainQueue(POISON_QUEUE);
  });

  it('when a mail is staged, then the queue carries a small base64 JSON claim and the blob reads back byte-identical', async () => {
    const message = await staging.stage(tenant, 'support@contoso.com', RAW);
    const [queued] = await drainQueue(MAIL_QUEUE);
    expect(JSON.parse(queued ?? '')).toEqual(message);
    expect(message.blob.startsWith(`${tenant}/`)).toBe(true);
    expect(await staging.read(message)).toEqual(RAW);
  });

  it('when a staged mail is at rest, then its bytes are encrypted: no subject or body in the blob', async () => {
    const message = await staging.stage(tenant, 'support@contoso.com', RAW);
    await drainQueue(MAIL_QUEUE);
    const container =
      BlobServiceClient.fromConnectionString(storageConnection()).getContainerClient(
        STAGING_CONTAINER,
      );
    const stored = await container.getBlockBlobClient(message.blob).downloadToBuffer();
    expect(stored.toString('latin1')).not.toMatch(/Secret|salary|anna@example\.com/);
  });

  it('when a staged mail is removed, then reading it says it is gone, and counting follows', async () => {
    const before = await staging.countStaged(tenant);
    const message = await staging.stage(tenant, 'support@contoso.com', RAW);
    await drainQueue(MAIL_QUEUE);
    expect(await staging.countStaged(tenant)).toBe(before + 1);
    await staging.remove(message);
    expect(await staging.read(message)).toBeUndefined();
    expect(await staging.countStaged(tenant)).toBe(before);
  });

  it('when the tenant key is destroyed, then its staged mail can no longer be read (permanent error)', async () => {
    const erased = `${unique('e')}.sharepoint.com`;
    const message = await staging.stage(erased, 'support@contoso.com', RAW);
    await drainQueue(MAIL_QUEUE);
    await keys.destroy(erased, new Date().toISOString());
    await expect(staging.read(message)).rejects.toMatchObject({ code: 'tenant-key-missing' });
  });

  it('when a mail is poisoned or held, then the message lands on the right queue and the blob stays', async () => {
    const message = await staging.stage(tenant, 'support@contoso.com', RAW);
    await drainQueue(MAIL_QUEUE);
    await staging.poison(message, 'schema-missing');
    const [poisoned] = await drainQueue(POISON_QUEUE);
    expect(JSON.parse(poisoned ?? '')).toMatchObject({ message, error: 'schema-missing' });
    await staging.hold(message, 1);
    expect(await drainQueue(MAIL_QUEUE)).toEqual([]); // invisible for a second
    expect(await staging.read(message)).toEqual(RAW);
  });
});
