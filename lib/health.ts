/** Readiness of what the service depends on: staging storage and the tenant store. */
import { errorCode } from './errors';
import type { TenantStore } from './tenants/store';
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
    // Live calls every time: a health answer from the first success would outlive an outage.
    check(() => deps.staging.probe(), 5_000),
    check(() => deps.tenants.probe(), 5_000),
  ]);
  return {
    ok: storage === 'ok' && cosmos === 'ok',
    checks: { configuration: 'ok', storage, cosmos },
  };
}
