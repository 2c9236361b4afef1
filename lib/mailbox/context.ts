/**
 * A connected mailbox opened for work: its record, its tenant and the Exchange client of the
 * tenant's Entra directory. Undefined when either is gone (disconnected, tenant erased): a job
 * that comes after that has nothing left to do.
 */
import type { TenantRecord } from '../tenants/store';
import type { MailboxDeps } from './deps';
import type { Exchange } from './exchange';
import type { MailboxRecord } from './record';

export interface OpenMailbox {
  record: MailboxRecord;
  tenant: TenantRecord;
  exchange: Exchange;
}

export async function openMailbox(
  deps: MailboxDeps,
  tenant: string,
  address: string,
): Promise<OpenMailbox | undefined> {
  const record = await deps.mailboxes.get(tenant, address);
  return record ? openRecord(deps, record) : undefined;
}

export async function openRecord(
  deps: MailboxDeps,
  record: MailboxRecord,
): Promise<OpenMailbox | undefined> {
  const tenantRecord = await deps.tenants.get(record.tenant);
  if (!tenantRecord) return undefined;
  return {
    record,
    tenant: tenantRecord,
    exchange: deps.exchange.forTenant(tenantRecord.entraTenantId),
  };
}
