/** Readiness of what the service depends on: staging storage and the tenant store. */
import { errorCode } from './errors';
import type { TenantStore } from './licensing/tenants';
import type { MailStaging } from './storage/staging';

export interface HealthReport {
  ok: boolean;
  checks: Record<string, 'ok' | string>;
}

async function check(work: () => Promise<void>, timeoutMs: number): Promise<'ok' | string> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      work(),
      new Promise(
        (_, reject) => (timer = setTimeout(() => reject(new Error('timeout')), timeoutMs)),
      ),
    ]);
    return 'ok';
  } catch (err) {
    return errorCode(err);
  } finally {
    clearTimeout(timer);
  }
}

export async function health(deps: {
  staging: MailStaging;
  tenants: TenantStore;
}): Promise<HealthReport> {
  const [storage, cosmos] = await Promise.all([
    check(() => deps.staging.ready(), 5_000),
    check(() => deps.tenants.ready(), 5_000),
  ]);
  return {
    ok: storage === 'ok' && cosmos === 'ok',
    checks: { configuration: 'ok', storage, cosmos },
  };
}
