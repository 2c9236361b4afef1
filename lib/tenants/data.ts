/**
 * GDPR access and erasure for what the service itself holds about a tenant: the tenant and
 * licence record (with installation URLs and support addresses), its wrapped data key, its log
 * events, any staged mail, the per-sender burst counts and ack windows (senders as HMACs only) and, given
 * `mailboxes`, its connected mailboxes (operational state; erasing also deletes their Graph
 * subscriptions and the fetch claims, which name messages only as hashes). Nothing else exists
 * to export or erase. Erasing leaves a tombstone (tombstones.ts) that holds no personal data.
 */
import type { Container } from '@azure/cosmos';
import type { ContainerClient } from '@azure/storage-blob';

import { CLAIMS_PREFIX } from '../mailbox/claims';
import type { MailboxRecord } from '../mailbox/record';
import type { KeyRing } from '../storage/keyring';
import { readLogs } from '../storage/logs';
import type { TenantStore } from './store';
import type { Tombstones } from './tombstones';

export interface TenantDataDeps {
  tenants: TenantStore;
  keys: KeyRing;
  tombstones: Tombstones;
  logs: ContainerClient;
  staging: ContainerClient;
  /** Cosmos `senders`: burst-limit windows, partitioned by tenant. */
  senders: Container;
  /** Cosmos `senderAcks`: the hour after an ack or notice to a sender, partitioned by tenant. */
  senderAcks: Container;
  /** The connected mailboxes (lib/mailbox: tenantMailboxes); without it they are left out. */
  mailboxes?: TenantMailboxes;
}

export interface TenantMailboxes {
  list(tenant: string): Promise<MailboxRecord[]>;
  /** Deletes the mailbox's Graph subscription, then its record. */
  disconnect(tenant: string, address: string): Promise<boolean>;
}

interface SenderWindow {
  id: string;
  since: number;
  mails: string[];
}

async function senderWindows(senders: Container, tenant: string): Promise<SenderWindow[]> {
  const { resources } = await senders.items
    .query<SenderWindow>(
      {
        query: 'SELECT c.id, c.since, c.mails FROM c WHERE c.tenant = @tenant',
        parameters: [{ name: '@tenant', value: tenant }],
      },
      { partitionKey: tenant },
    )
    .fetchAll();
  return resources;
}

/** The ids (sender HMACs) of the tenant's ack windows. */
async function ackWindows(senderAcks: Container, tenant: string): Promise<string[]> {
  const { resources } = await senderAcks.items
    .query<{ id: string }>(
      {
        query: 'SELECT c.id FROM c WHERE c.tenant = @tenant',
        parameters: [{ name: '@tenant', value: tenant }],
      },
      { partitionKey: tenant },
    )
    .fetchAll();
  return resources.map((r) => r.id);
}

async function countBlobs(container: ContainerClient, prefix: string): Promise<number> {
  if (!(await container.exists())) return 0;
  let n = 0;
  for await (const _b of container.listBlobsFlat({ prefix })) n++;
  return n;
}

async function deleteBlobs(container: ContainerClient, prefix: string): Promise<number> {
  if (!(await container.exists())) return 0;
  let n = 0;
  for await (const blob of container.listBlobsFlat({ prefix })) {
    await container.deleteBlob(blob.name).catch(() => undefined);
    n++;
  }
  return n;
}

export async function exportTenant(domain: string, deps: TenantDataDeps) {
  const record = await deps.tenants.get(domain);
  const key = await deps.keys.existingKey(domain);
  const logs = key
    ? await readLogs(deps.logs, key, domain, { since: new Date(0) })
    : { events: [], unreadable: 0 };
  return {
    domain,
    record: record ?? null,
    dataKey: key ? 'present (wrapped by the master key; not exported)' : 'none',
    stagedMails: await countBlobs(deps.staging, `${domain}/`),
    senderBursts: (await senderWindows(deps.senders, domain)).map((w) => ({
      sender: w.id,
      since: new Date(w.since).toISOString(),
      mails: w.mails.length,
    })),
    senderAckWindows: (await ackWindows(deps.senderAcks, domain)).length,
    logEvents: logs.events,
    unreadableLogLines: logs.unreadable,
    ...(deps.mailboxes ? { mailboxes: await deps.mailboxes.list(domain) } : {}),
  };
}

export async function eraseTenant(domain: string, deps: TenantDataDeps, now = new Date()) {
  // The tombstone first: from then on no instance creates a key or stages mail for the tenant,
  // whatever its caches say. Then the key, replaced by an erased marker (keyring.ts): from that
  // moment nothing the tenant logged or staged can be read again, even if a later step fails and
  // leaves ciphertext behind for the purge timer (an erasure can be run again). Mailboxes before the records: deleting their
  // subscriptions needs the tenant's Entra id, and stops new mail coming.
  const erasedAt = await deps.tombstones.lay(domain, now);
  const keyDestroyed = await deps.keys.destroy(domain, erasedAt);
  const mailboxes = deps.mailboxes && (await eraseMailboxes(domain, deps.mailboxes, deps.staging));
  const record = await deps.tenants.remove(domain);
  const logBlobs = await deleteBlobs(deps.logs, `${domain}/`);
  const stagedMails = await deleteBlobs(deps.staging, `${domain}/`);
  const windows = await senderWindows(deps.senders, domain);
  await Promise.all(windows.map((w) => deps.senders.item(w.id, domain).delete()));
  const senderBursts = windows.length;
  const acks = await ackWindows(deps.senderAcks, domain);
  await Promise.all(acks.map((id) => deps.senderAcks.item(id, domain).delete()));
  const senderAckWindows = acks.length;
  return {
    domain,
    erasedAt,
    keyDestroyed,
    logBlobs,
    stagedMails,
    senderBursts,
    senderAckWindows,
    record,
    ...mailboxes,
  };
}

async function eraseMailboxes(
  domain: string,
  mailboxes: TenantMailboxes,
  staging: ContainerClient,
) {
  const records = await mailboxes.list(domain);
  for (const r of records) await mailboxes.disconnect(domain, r.address);
  const mailboxClaims = await deleteBlobs(staging, `${CLAIMS_PREFIX}${domain}/`);
  return { mailboxes: records.length, mailboxClaims };
}
