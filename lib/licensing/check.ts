/**
 * The licence check an installation makes: validate the site, rate-limit, read the tenant (cached
 * by the tenant store), record the installation, answer with a signed status. An unknown domain
 * is an answer (`unknown`), not an error, and nothing about it is stored.
 */
import { errorCode } from '../errors';
import type { EventLog } from '../log';
import type { RateLimiter } from './rateLimit';
import type { LicenceSigner } from './signing';
import { checkInstallationSite } from './site';
import { licenceStatus } from './status';
import type { TenantRecord, TenantStore } from './tenants';

export interface LicenceAnswer {
  status: 'valid' | 'expired' | 'unknown' | 'suspended';
  domain: string;
  site: string;
  plan: string | null;
  expiresAt: string | null;
  token: string;
}

export type CheckResult =
  | { status: 200; body: LicenceAnswer }
  | { status: 400; error: string }
  | { status: 429; error: string; retryAfterSeconds: number }
  | { status: 503; error: string };

export interface CheckDeps {
  tenants: TenantStore;
  signer: LicenceSigner;
  perDomain: RateLimiter;
  perClient: RateLimiter;
  log: EventLog;
  now: () => Date;
}

// An installation seen within the last hour is not written again: page loads in a busy site must
// not turn into a Cosmos write each.
const RECORD_EVERY_MS = 3600_000;

function seenRecently(tenant: TenantRecord, site: string, now: Date): boolean {
  const known = tenant.installations.find((i) => i.url === site);
  return known !== undefined && now.getTime() - Date.parse(known.lastSeen) < RECORD_EVERY_MS;
}

export async function checkLicence(
  siteInput: unknown,
  client: string,
  deps: CheckDeps,
): Promise<CheckResult> {
  const site = checkInstallationSite(siteInput);
  if (!site.ok) return { status: 400, error: site.error };
  for (const admission of [deps.perClient.take(client), deps.perDomain.take(site.domain)]) {
    if (!admission.ok) {
      return {
        status: 429,
        error: 'too many licence checks',
        retryAfterSeconds: admission.retryAfterSeconds,
      };
    }
  }
  const now = deps.now();
  let tenant: TenantRecord | undefined;
  try {
    tenant = await deps.tenants.get(site.domain);
  } catch (err) {
    deps.log.write({
      event: 'licence.check',
      level: 'error',
      outcome: 'unavailable',
      code: errorCode(err),
    });
    return { status: 503, error: 'licence store unavailable, retry later' };
  }
  if (tenant && !seenRecently(tenant, site.site, now)) {
    // Bookkeeping, not the answer: a failed write is logged and tried again on a later check.
    try {
      await deps.tenants.recordInstallation(site.domain, site.site, now);
    } catch (err) {
      deps.log.write({
        event: 'licence.installation',
        level: 'warn',
        tenant: site.domain,
        outcome: 'not-recorded',
        code: errorCode(err),
      });
    }
  }
  const status = licenceStatus(tenant?.licence, now);
  const claims = {
    domain: site.domain,
    site: site.site,
    status,
    plan: tenant?.licence.plan ?? null,
    expiresAt: tenant?.licence.expiresAt ?? null,
  };
  const token = await deps.signer.sign(claims, now);
  deps.log.write({
    event: 'licence.check',
    tenant: tenant ? site.domain : undefined,
    outcome: status,
  });
  return { status: 200, body: { ...claims, token } };
}
