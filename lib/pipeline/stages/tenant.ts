import { PermanentError } from '../../errors';
import { type Stage, proceed } from '../stage';

/** Loads the tenant the mail was routed to at the door. */
export const tenant: Stage = {
  name: 'tenant',
  timeoutMs: 30_000,
  async run(ctx, deps) {
    const record = await deps.tenants.get(ctx.message.tenant);
    if (!record) throw new PermanentError('tenant-unknown', 'the tenant no longer exists');
    ctx.tenant = record;
    return proceed;
  },
};
