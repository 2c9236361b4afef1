/**
 * The mailbox door (issue 8; docs/architecture.md): a tenant's support mailbox read through
 * Microsoft Graph, each new message staged like mail from /api/inbound. What functions/ and
 * dev/ use; the files behind it are small and each says why it is built the way it is.
 */
export { MailboxAccessError } from './access';
export {
  type ConnectReport,
  connectMailbox,
  disconnectMailbox,
  listMailboxes,
  tenantMailboxes,
} from './connect';
export type { MailboxDeps, MailboxJobQueue, MailboxSettings } from './deps';
export { type Exchange, type ExchangeTenants, GraphExchangeTenants } from './exchange';
export { type FetchJob, type MailboxJob, type SyncJob, parseMailboxJob } from './jobs';
export { type MaintainReport, maintainMailboxes } from './maintain';
export { type Accepted, acceptLifecycle, acceptNotifications } from './notifications';
export type { MailboxRecord } from './record';
export { runMailboxJob } from './run';
export { type SettleOutcome, settleSource } from './settle';
export { CosmosMailboxStore, type MailboxStore } from './store';
export { BlobMailClaims, type MailClaims } from './claims';
