import { randomBytes } from 'node:crypto';

import { BlobServiceClient } from '@azure/storage-blob';

import { removeErasedMarker } from '../../../lib/storage/keyring';
import { EncryptedLogSink, logBlobName, readLogs } from '../../../lib/storage/logs';
import { purgeExpired } from '../../../lib/storage/retention';
import { MemoryLog } from '../../../lib/log';
import { blobContainer, blobNames, cosmos, keyRing, storageConnection, unique } from './support';

const TENANT = 'contoso.sharepoint.com';
const HOUR = new Date('2026-11-22T10:15:00Z');

describe('EncryptedLogSink on Azurite', () => {
  it('when the logs container does not exist yet, then the first flush creates it and nothing is lost', async () => {
    const container = BlobServiceClient.fromConnectionString(
      storageConnection(),
    ).getContainerClient(unique('new'));
    const keys = keyRing();
    const sink = new EncryptedLogSink(container, keys, () => HOUR);
    sink.write({ event: 'mail.processed', tenant: TENANT, mailId: 'm-0' });
    await sink.close();
    const { events } = await readLogs(container, await keys.keyFor(TENANT), TENANT, {
      since: new Date(0),
    });
    expect(events).toEqual([expect.objectContaining({ mailId: 'm-0' })]);
  });

  it('when events are written and flushed, then they decrypt per tenant and hour and the blob holds no clear text', async () => {
    const container = await blobContainer();
    const keys = keyRing();
    const sink = new EncryptedLogSink(container, keys, () => HOUR);
    sink.write({
      event: 'mail.processed',
      tenant: TENANT,
      mailId: 'm-1',
      outcome: 'ticket-created',
      ms: 12,
    });
    sink.write({ event: 'health', outcome: 'ok' });
    await sink.close();

    expect((await blobNames(container)).sort()).toEqual(
      [logBlobName('_service', HOUR), logBlobName(TENANT, HOUR)].sort(),
    );
    const raw = (
      await container.getBlobClient(logBlobName(TENANT, HOUR)).downloadToBuffer()
    ).toString('utf8');
    expect(raw).not.toMatch(/mail\.processed|m-1|ticket-created/);
    const { events, unreadable } = await readLogs(container, await keys.keyFor(TENANT), TENANT, {
      since: new Date(0),
    });
    expect(unreadable).toBe(0);
    expect(events).toEqual([
      expect.objectContaining({
        event: 'mail.processed',
        mailId: 'm-1',
        outcome: 'ticket-created',
      }),
    ]);
  });

  it('when a log line is tampered with, then reading reports it as unreadable instead of trusting it', async () => {
    const container = await blobContainer();
    const keys = keyRing();
    const sink = new EncryptedLogSink(container, keys, () => HOUR);
    sink.write({ event: 'a', tenant: TENANT });
    await sink.close();
    const blob = container.getBlockBlobClient(logBlobName(TENANT, HOUR));
    const line = Buffer.from((await blob.downloadToBuffer()).toString('utf8').trim(), 'base64');
    line.writeUInt8(line.readUInt8(line.length - 3) ^ 1, line.length - 3);
    await container
      .getBlockBlobClient(`${TENANT}/2026-11-22/11.log`)
      .upload(`${line.toString('base64')}\n`, line.length * 2);
    const { events, unreadable } = await readLogs(container, await keys.keyFor(TENANT), TENANT, {
      since: new Date(0),
    });
    expect(events).toHaveLength(1);
    expect(unreadable).toBe(1);
  });

  it('when the tenant key is destroyed (erasure), then its old logs cannot be read with any key the service has', async () => {
    const container = await blobContainer();
    const containers = cosmos();
    const master = randomBytes(32);
    const keys = keyRing(containers, master);
    const sink = new EncryptedLogSink(container, keys, () => HOUR);
    sink.write({ event: 'a', tenant: TENANT });
    await sink.close();
    expect(await keys.destroy(TENANT, new Date().toISOString())).toBe(true);
    const fresh = keyRing(containers, master);
    expect(await fresh.existingKey(TENANT)).toBeUndefined();
    // No key is created in its place (the erased marker), and once the marker goes with the
    // tombstone a new key reads nothing of the old logs.
    await expect(fresh.keyFor(TENANT)).rejects.toMatchObject({ code: 'tenant-erased' });
    await removeErasedMarker(await containers.get('keys'), TENANT);
    const { events, unreadable } = await readLogs(container, await fresh.keyFor(TENANT), TENANT, {
      since: new Date(0),
    });
    expect(events).toEqual([]);
    expect(unreadable).toBe(1);
  });

  it('when two instances create a tenant key at once, then both end up with the same key', async () => {
    const containers = cosmos();
    const master = randomBytes(32);
    const [a, b] = await Promise.all([
      keyRing(containers, master).keyFor(TENANT),
      keyRing(containers, master).keyFor(TENANT),
    ]);
    expect(a).toEqual(b);
  });
});

describe('purgeExpired on Azurite', () => {
  it('when the clock is past 7 days, then logs and staged mail are deleted; before that, they are kept', async () => {
    const logs = await blobContainer();
    const staged = await blobContainer();
    await logs.getBlockBlobClient(`${TENANT}/2026-11-22/10.log`).upload('x', 1);
    await staged.getBlockBlobClient(`${TENANT}/2026-11-22/m.eml`).upload('y', 1);
    const log = new MemoryLog();
    const sixDays = new Date(Date.now() + 6 * 24 * 3600 * 1000);
    expect(
      (await purgeExpired([logs, staged], sixDays, log)).map((r) => [r.deleted, r.kept]),
    ).toEqual([
      [0, 1],
      [0, 1],
    ]);
    const eightDays = new Date(Date.now() + 8 * 24 * 3600 * 1000);
    expect(
      (await purgeExpired([logs, staged], eightDays, log)).map((r) => [r.deleted, r.kept]),
    ).toEqual([
      [1, 0],
      [1, 0],
    ]);
    expect(await blobNames(logs)).toEqual([]);
    expect(await blobNames(staged)).toEqual([]);
    expect(log.events).toHaveLength(4);
  });
});
