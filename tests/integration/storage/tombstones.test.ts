/**
 * Erasure tombstones on the Cosmos server and Azurite: an erased tenant's key is never created
 * again, by a fresh instance or by one whose caches still know the tenant, and its mail is not
 * staged; erasure leaves a marker in the key's place that makes any racing create conflict; the
 * tombstone keeps its first time, is removed once old (with the marker) unless the tenant has a
 * record again, and lifted on purpose (with the marker).
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
    const cutoff = new Date('2026-01-11T00:00:00Z');
    // The tenant `fresh` has a record again: its tombstone stays.
    const removal = await tombstones.removeOlderThan(cutoff, (d) => d === fresh);
    expect(removal.kept).toEqual([fresh]);
    expect(removal.removed).toBeGreaterThanOrEqual(1);
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

  it("when the tombstone is laid while a key is being created, then the key is refused, and the erasure's marker replaces it", async () => {
    const tenant = domain();
    // The erasure's tombstone lands between the ring's first look and its create.
    const answers = [false, true];
    const racing = new CosmosKeyRing(() => containers.get('keys'), master, {
      isErased: async () => answers.shift() ?? true,
    });
    await expect(racing.keyFor(tenant)).rejects.toBeInstanceOf(TenantErased);
    expect(await keysA.destroy(tenant, new Date().toISOString())).toBe(true); // the erasure goes on
    expect(await keysA.existingKey(tenant)).toBeUndefined();
  });

  it('when a tenant is erased, then its key document is a marker without key material, a create of the key conflicts, and a ring that missed the tombstone still refuses', async () => {
    const tenant = domain();
    await keysA.keyFor(tenant);
    await tombstones.lay(tenant, new Date('2026-01-01T00:00:00Z'));
    expect(await keysA.destroy(tenant, '2026-01-01T00:00:00.000Z')).toBe(true);
    expect(await keysA.destroy(tenant, '2026-01-02T00:00:00.000Z')).toBe(false);
    const keys = await containers.get('keys');
    const { resource } = await keys.item(tenant, tenant).read();
    expect(resource).toMatchObject({
      id: tenant,
      erased: true,
      erasedAt: '2026-01-01T00:00:00.000Z',
    });
    expect(resource).not.toHaveProperty('wrapped');
    const create = keys.items.create({ id: tenant, wrapped: 'x', createdAt: 'now' });
    await expect(create).rejects.toMatchObject({ code: 409 });
    // A ring whose tombstone read is stale (says not erased) is refused by the marker itself.
    const stale = new CosmosKeyRing(() => containers.get('keys'), master, {
      isErased: async () => false,
    });
    await expect(stale.keyFor(tenant)).rejects.toBeInstanceOf(TenantErased);
    await expect(stale.sealingKey(tenant)).rejects.toBeInstanceOf(TenantErased);
  });

  it('when the old tombstone goes, or is lifted on purpose, then the marker goes with it and a key can be created again; while the tenant has a record, both stay', async () => {
    const [gone, back, lifted] = [domain(), domain(), domain()];
    for (const t of [gone, back, lifted]) {
      await tombstones.lay(t, new Date('2020-01-01T00:00:00Z'));
      await keysA.destroy(t, new Date().toISOString());
    }
    const removal = await tombstones.removeOlderThan(new Date('2020-01-02T00:00:00Z'), (d) =>
      [back, lifted].includes(d),
    );
    expect(removal.kept).toEqual(expect.arrayContaining([back, lifted]));
    expect(removal.kept).not.toContain(gone);
    expect(await tombstones.lift(lifted)).toBe(true);
    const fresh = buildKeyRing(containers, { logMasterKey: master });
    expect((await fresh.keyFor(gone)).length).toBe(32);
    expect((await fresh.keyFor(lifted)).length).toBe(32);
    expect(await tombstones.isErased(back)).toBe(true);
    await expect(fresh.keyFor(back)).rejects.toBeInstanceOf(TenantErased);
    // Lifting again removes no key created since.
    await tombstones.lift(lifted);
    expect(await fresh.existingKey(lifted)).toBeDefined();
    await tombstones.lift(back); // an old tombstone left behind would be counted by other runs
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
    await keysA.destroy(tenant, new Date().toISOString());
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
