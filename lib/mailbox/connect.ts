/**
 * Connecting a tenant's support mailbox (the operator's `tenant connect-mailbox`): check the
 * app's access (a MailboxAccessError names what to grant), create the Helpdesk folders, record
 * the mailbox, subscribe, and catch up once. Reconnecting replaces the subscription and starts
 * a new record (a new clientState). Disconnecting deletes the subscription, then the record.
 */
import { PermanentError } from '../errors';
import type { TenantMailboxes } from '../tenants/data';
import { resolveMailbox } from './access';
import type { MailboxDeps } from './deps';
import { openRecord } from './context';
import { FOLDER_NAMES, ensureFolders } from './folders';
import { type MailboxRecord, mailboxId } from './record';
import { createSubscription, deleteSubscription, publicBaseUrl } from './subscriptions';
import { syncMailbox } from './sync';

export interface ConnectReport {
  tenant: string;
  address: string;
  userId: string;
  /** The folders the door files messages in, created now or found. */
  folders: string[];
  subscriptionId?: string;
  subscriptionExpiresAt?: string;
  /** Whether an earlier connection's subscription was replaced. */
  replaced: boolean;
  /** Messages of the first catch-up queued for fetching. */
  caughtUp: number;
}

export async function connectMailbox(
  deps: MailboxDeps,
  tenant: string,
  address: string,
): Promise<ConnectReport> {
  publicBaseUrl(deps);
  const domain = tenant.trim().toLowerCase();
  const mailbox = address.trim().toLowerCase();
  const tenantRecord = await deps.tenants.get(domain);
  if (!tenantRecord) throw new PermanentError('tenant-unknown', 'no such tenant');
  const exchange = deps.exchange.forTenant(tenantRecord.entraTenantId);
  const userId = await resolveMailbox(exchange, mailbox, deps.config.appId);
  const before = await deps.mailboxes.get(domain, mailbox);
  const replaced = before
    ? await deleteSubscription({ record: before, tenant: tenantRecord, exchange })
    : false;
  const record: MailboxRecord = {
    id: mailboxId(domain, mailbox),
    tenant: domain,
    address: mailbox,
    userId,
    folders: await ensureFolders(exchange, userId),
    connectedAt: deps.now().toISOString(),
  };
  await deps.mailboxes.put(record);
  const opened = { record, tenant: tenantRecord, exchange };
  await createSubscription(opened, deps);
  const synced = await syncMailbox(opened, deps);
  deps.log.write({
    event: 'mailbox.subscription',
    tenant: domain,
    outcome: 'connected',
    queued: synced.queued,
  });
  return {
    tenant: domain,
    address: mailbox,
    userId,
    folders: [
      FOLDER_NAMES.root,
      `${FOLDER_NAMES.root}/${FOLDER_NAMES.processed}`,
      `${FOLDER_NAMES.root}/${FOLDER_NAMES.notATicket}`,
    ],
    subscriptionId: opened.record.subscriptionId,
    subscriptionExpiresAt: opened.record.subscriptionExpiresAt,
    replaced,
    caughtUp: synced.queued,
  };
}

/**
 * Removes a connection; false when there was none. A subscription Graph refuses to delete
 * (access since revoked) expires on its own within three days, its notifications ignored.
 */
export async function disconnectMailbox(
  deps: MailboxDeps,
  tenant: string,
  address: string,
): Promise<boolean> {
  const record = await deps.mailboxes.get(tenant, address);
  if (!record) return false;
  const opened = await openRecord(deps, record);
  const subscriptionDeleted = opened ? await deleteSubscription(opened).catch(() => false) : false;
  const removed = await deps.mailboxes.delete(tenant, address);
  deps.log.write({
    event: 'mailbox.subscription',
    tenant: record.tenant,
    outcome: 'disconnected',
    subscriptionDeleted,
  });
  return removed;
}

export function listMailboxes(
  deps: Pick<MailboxDeps, 'mailboxes'>,
  tenant?: string,
): Promise<MailboxRecord[]> {
  return deps.mailboxes.list(tenant);
}

/** The mailboxes as a tenant's export and erasure see them (lib/tenants/data.ts). */
export function tenantMailboxes(deps: MailboxDeps): TenantMailboxes {
  return {
    list: (tenant) => listMailboxes(deps, tenant),
    disconnect: (tenant, address) => disconnectMailbox(deps, tenant, address),
  };
}
