/**
 * GDPR access and erasure of what the service keeps about a tenant, on Azurite and the Cosmos
 * server: export lists exactly the record, its installations, its log events and how many mails
 * are staged; erase lays the tenant's tombstone, destroys the key, then removes logs, staged mail
 * and the record.
 */
import { randomBytes } from 'node:crypto';

import { CosmosTenantStore } from '../../../lib/tenants/cosmosStore';
import type { TenantRecord } from '../../../lib/tenants/store';
import { EncryptedLogSink, readLogs } from '../../../lib/storage/logs';
import { CosmosSenderBursts } from '../../../lib/storage/senderBursts';
import { CosmosSenderAcks } from '../../../lib/outbound/senderAcks';
import { BlobMailStaging } from '../../../lib/storage/blobStaging';
import { STAGING_CONTAINER } from '../../../lib/storage/staging';
import { type TenantDataDeps, eraseTenant, exportTenant } from '../../../lib/tenants/data';
import { tombstonesIn } from '../../../lib/tenants/tombstones';
import { TenantErased } from '../../../lib/errors';
import { BlobServiceClient } from '@azure/storage-blob';
import { blobContainer, cosmos, keyRing, storageConnection, unique } from './support';

const RAW = Buffer.from('From: Anna <anna@example.com>\r\nSubject: Salary\r\n\r\nPlease help.');

describe('tenant export and erasure', () => {
  const containers = cosmos();
  const keys = keyRing(containers);
  const tenants = new CosmosTenantStore(containers);
  const storage = { kind: 'connectionString' as const, connectionString: storageConnection() };
  const staging = new BlobMailStaging(storage, keys);
  let deps: TenantDataDeps;
  let record: Omit<TenantRecord, 'id'>;

  beforeAll(async () => {
    const domain = `${unique('t')}.sharepoint.com`;
    record = {
      domain,
      alias: domain.split('.')[0] ?? '',
      entraTenantId: '00000000-0000-4000-8000-00000000c0de',
      siteUrl: `https://${domain}/sites/helpdesk`,
      supportAddresses: [`support@${domain.split('.')[0]}.example`],
      licence: { plan: 'standard', expiresAt: '2099-12-31', suspended: false },
      installations: [],
    };
    deps = {
      tenants,
      keys,
      tombstones: tombstonesIn(containers),
      logs: await blobContainer(),
      staging:
        BlobServiceClient.fromConnectionString(storageConnection()).getContainerClient(
          STAGING_CONTAINER,
        ),
      senders: await containers.get('senders'),
      senderAcks: await containers.get('senderAcks'),
    };
    await tenants.put(record);
    await tenants.recordInstallation(domain, `https://${domain}/sites/helpdesk`, new Date());
    const sink = new EncryptedLogSink(deps.logs, keys);
    sink.write({ event: 'mail.processed', tenant: domain, mailId: 'm-1', outcome: 'ok' });
    sink.write({ event: 'licence.check', tenant: domain, outcome: 'valid' });
    await sink.close();
    await staging.stage(domain, record.supportAddresses[0] ?? '', RAW);
    const bursts = new CosmosSenderBursts(() => containers.get('senders'), keys, {
      limit: 20,
      windowSeconds: 900,
    });
    await bursts.record(domain, 'anna@example.com', 'a'.repeat(64), new Date());
    const acks = new CosmosSenderAcks(() => containers.get('senderAcks'), keys);
    expect(await acks.claim(domain, 'anna@example.com', 'a'.repeat(64), new Date())).toBe(true);
  });

  it('when a tenant is exported, then exactly what is kept is listed, and no key material', async () => {
    const out = await exportTenant(record.domain, deps);
    expect(Object.keys(out).sort()).toEqual(
      [
        'dataKey',
        'domain',
        'logEvents',
        'record',
        'senderAckWindows',
        'senderBursts',
        'stagedMails',
        'unreadableLogLines',
      ].sort(),
    );
    expect(out.record).toMatchObject({
      domain: record.domain,
      licence: record.licence,
      supportAddresses: record.supportAddresses,
      installations: [expect.objectContaining({ url: `https://${record.domain}/sites/helpdesk` })],
    });
    expect(out.logEvents.map((e) => e.event).sort()).toEqual(['licence.check', 'mail.processed']);
    expect(out.stagedMails).toBe(1);
    expect(out.senderBursts).toEqual([
      { sender: expect.stringMatching(/^[\w-]{16,}$/), since: expect.any(String), mails: 1 },
    ]);
    expect(out.senderAckWindows).toBe(1);
    expect(out.unreadableLogLines).toBe(0);
    expect(JSON.stringify(out)).not.toMatch(/Salary|Please help|anna@/);
    expect(out.dataKey).not.toMatch(/[A-Za-z0-9+/]{40,}/);
  });

  it('when a tenant is erased, then its key, logs, staged mail and record are gone, and old logs cannot be read', async () => {
    // A copy of the tenant's log blobs, as a backup would hold them.
    const backup = await blobContainer();
    for await (const b of deps.logs.listBlobsFlat({ prefix: `${record.domain}/` })) {
      const bytes = await deps.logs.getBlobClient(b.name).downloadToBuffer();
      await backup.getBlockBlobClient(b.name).uploadData(bytes);
    }
    const report = await eraseTenant(record.domain, deps, new Date('2026-03-01T12:00:00Z'));
    expect(report).toEqual({
      domain: record.domain,
      erasedAt: '2026-03-01T12:00:00.000Z',
      keyDestroyed: true,
      logBlobs: 1,
      stagedMails: 1,
      senderBursts: 1,
      senderAckWindows: 1,
      record: true,
    });
    expect(await tenants.get(record.domain)).toBeUndefined();
    expect(await keys.existingKey(record.domain)).toBeUndefined();
    const after = await exportTenant(record.domain, deps);
    expect(after).toMatchObject({
      record: null,
      dataKey: 'none',
      stagedMails: 0,
      senderBursts: [],
      senderAckWindows: 0,
      logEvents: [],
    });
    // The service has no key for the tenant and may make none (its tombstone): the copy is
    // unreadable with any other key.
    await expect(keys.keyFor(record.domain)).rejects.toBeInstanceOf(TenantErased);
    expect(await keys.existingKey(record.domain)).toBeUndefined();
    const read = await readLogs(backup, randomBytes(32), record.domain, { since: new Date(0) });
    expect(read).toEqual({ events: [], unreadable: 2 });
  });
});
