/**
 * Erasure tombstones on the Cosmos server and Azurite: an erased tenant's key is never created
 * again, by a fresh instance or by one whose caches still know the tenant, and its mail is not
 * staged; the tombstone keeps its first time, is removed once old, and lifted on purpose.
 */
import { randomBytes } from 'node:crypto';

import { buildKeyRing } from '../../../lib/deps';
import { TenantErased } from '../../../lib/errors';
import { BlobMailStaging } from '../../../lib/storage/blobStaging';
import { CosmosKeyRing } from '../../../lib/storage/keyring';
import { EncryptedLogSink } from '../../../lib/storage/logs';
import { tombstonesIn } from '../../../lib/tenants/tombstones';
import { blobContainer, blobNames, cosmos, storageConnection, unique } from './support';

const RAW = Buffer.from('From: Anna <anna@example.com>\r\nSubject: Hello\r\n\r\nHi.');

describe('erasure tombstones', () => {
  const containers = cosmos();
  const master = randomBytes(32);
  const tombstones = tombstonesIn(containers);
  // Two instances of the app: each its own key ring and its own caches.
  const keysA = buildKeyRing(containers, { logMasterKey: master });
  const keysB = buildKeyRing(containers, { logMasterKey: master });
  const storage = { kind: 'connectionString' as const, connectionString: storageConnection() };
  const domain = () => `${unique('t')}.sharepoint.com`;

  it('when a tombstone is laid twice, then it keeps the first time; it is removed once older than the cutoff, or lifted', async () => {
    const [old, fresh] = [domain(), domain()];
    expect(await tombstones.lay(old, new Date('2026-01-01T00:00:00Z'))).toBe(
      '2026-01-01T00:00:00.000Z',
    );
    expect(await tombstones.lay(old, new Date('2026-01-05T00:00:00Z'))).toBe(
      '2026-01-01T00:00:00.000Z',
    );
    await tombstones.lay(fresh, new Date('2026-01-10T00:00:00Z'));
    expect(await tombstones.removeOlderThan(new Date('2026-01-02T00:00:00Z'))).toBe(1);
    expect(await tombstones.isErased(old)).toBe(false);
    expect(await tombstones.isErased(fresh.toUpperCase())).toBe(true);
    expect(await tombstones.lift(fresh)).toBe(true);
    expect(await tombstones.lift(fresh)).toBe(false);
    expect(await tombstones.isErased(fresh)).toBe(false);
  });

  it('when a tenant is tombstoned, then no instance creates its key, and lifting the tombstone allows it again', async () => {
    const tenant = domain();
    await tombstones.lay(tenant, new Date());
    await expect(keysA.keyFor(tenant)).rejects.toBeInstanceOf(TenantErased);
    await expect(keysB.sealingKey(tenant)).rejects.toBeInstanceOf(TenantErased);
    expect(await keysA.existingKey(tenant)).toBeUndefined();
    await tombstones.lift(tenant);
    expect((await keysA.keyFor(tenant)).length).toBe(32);
  });

  it('when the tombstone is laid while a key is being created, then the new key is removed again', async () => {
    const tenant = domain();
    // The erasure's tombstone lands between the ring's first look and its create.
    const answers = [false, true];
    const racing = new CosmosKeyRing(() => containers.get('keys'), master, {
      isErased: async () => answers.shift() ?? true,
    });
    await expect(racing.keyFor(tenant)).rejects.toBeInstanceOf(TenantErased);
    expect(await keysA.existingKey(tenant)).toBeUndefined();
  });

  it('when a tenant is erased while another instance holds its key in cache, then that instance stages none of its mail and writes none of its logs', async () => {
    const tenant = domain();
    const logs = await blobContainer();
    const stagingB = new BlobMailStaging(storage, keysB);
    const sinkB = new EncryptedLogSink(logs, keysB);
    await keysB.keyFor(tenant); // cached in B
    await stagingB.ready();
    const before = await stagingB.countStaged(tenant);
    // The erasure's order: tombstone, then the key (A is the erasing instance).
    await tombstones.lay(tenant, new Date());
    await keysA.destroy(tenant);
    await expect(stagingB.stage(tenant, 'support@t.example', RAW)).rejects.toBeInstanceOf(
      TenantErased,
    );
    expect(await stagingB.countStaged(tenant)).toBe(before);
    // B's cached key was dropped by the refused staging: its log lines are dropped, not written.
    sinkB.write({ event: 'mail.processed', tenant, outcome: 'ok' });
    await sinkB.close();
    expect((await blobNames(logs)).filter((n) => n.startsWith(`${tenant}/`))).toEqual([]);
    expect(await keysA.existingKey(tenant)).toBeUndefined();
  });
});
