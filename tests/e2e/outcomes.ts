/**
 * What the service logged about a mail, read the way an operator reads it (the tenant's
 * encrypted log, decrypted with its key): the outcome and trace of a mail that left no item in
 * SharePoint, and every event of a tenant, to check that none carries an address or a subject.
 */
import { loadConfig } from '../../lib/config';
import { blobContainers, buildStores } from '../../lib/deps';
import { readLogs } from '../../lib/storage/logs';
import { type TestTenant, eventually, settings } from './support';

export interface Processed {
  outcome: string;
  trace: Array<{ stage: string; verdict: string; code?: string }>;
}

/** Every event the service logged for the tenant in the last hour. */
export async function tenantLog(tenant: TestTenant): Promise<Array<Record<string, unknown>>> {
  const config = loadConfig(settings());
  const key = await buildStores(config).keys.existingKey(tenant.domain);
  if (!key) return [];
  const { logs } = blobContainers(config.storage);
  if (!(await logs.exists())) return [];
  const since = new Date(Date.now() - 3600_000);
  return (await readLogs(logs, key, tenant.domain, { since })).events;
}

/** The final outcome the service logged for a mail (retries skipped), once it is there. */
export function processed(tenant: TestTenant, mailId: unknown): Promise<Processed> {
  return eventually(async () => {
    const event = (await tenantLog(tenant)).find(
      (e) => e.event === 'mail.processed' && e.mailId === mailId && e.outcome !== 'retry',
    );
    return event as Processed | undefined;
  });
}
