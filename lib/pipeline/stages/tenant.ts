import { PermanentError } from '../../errors';
import type { TenantRecord } from '../../tenants/store';
import type { MailMessage } from '../../storage/staging';
import { type Stage, go } from '../stage';

/** Loads the tenant the mail was routed to at the door. */
export const tenant: Stage<MailMessage, TenantRecord> = {
  name: 'tenant',
  timeoutMs: 30_000,
  async run(message, deps) {
    const record = await deps.tenants.get(message.tenant);
    if (!record) throw new PermanentError('tenant-unknown', 'the tenant no longer exists');
    return go(record);
  },
};
