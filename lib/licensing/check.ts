/**
 * The licence check an installation makes: validate the site, rate-limit the caller, read the
 * tenant (cached by the tenant store), answer with a signed status. An unknown domain is an answer
 * (`unknown`), not an error, and nothing about it is stored.
 *
 * The endpoint is anonymous, so what it tells and keeps depends on proof (proof.ts): anyone learns
 * a site's status, signed; only an installation whose Entra token is of the domain's own tenant is
 * told plan and expiry and is recorded under the domain. A stranger can neither read a customer's
 * terms nor fill its record with made-up sites.
 */
import { errorCode } from '../errors';
import type { EventLog } from '../log';
import type { ClientAddress } from './client';
import type { Caller, CallerLimits } from './limits';
import type { InstallationProof, Proof } from './proof';
import type { LicenceClaims, LicenceSigner } from './signing';
import { checkInstallationSite } from './site';
import { type LicenceStatus, licenceStatus } from './status';
import type { TenantRecord, TenantStore } from '../tenants/store';

export interface LicenceAnswer extends LicenceClaims {
  status: LicenceStatus;
  token: string;
}

export interface CheckRequest {
  site: unknown;
  client: ClientAddress;
  /** The installation's Entra access token for this service, when it sent one. */
  bearer?: string | undefined;
}

export type CheckResult =
  | { status: 200; body: LicenceAnswer }
  | { status: 400 | 401; error: string }
  | { status: 429; error: string; retryAfterSeconds: number }
  | { status: 503; error: string };

export interface CheckDeps {
  tenants: TenantStore;
  signer: LicenceSigner;
  limits: CallerLimits;
  proof: InstallationProof;
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

/** A proven caller is counted as its signed-in user; anyone else as its address. */
function callerOf(request: CheckRequest, proof: Proof | undefined): Caller {
  if (proof?.ok) return { kind: 'installation', tenantId: proof.tenantId, user: proof.user };
  return { kind: 'anonymous', ...request.client };
}

export async function checkLicence(request: CheckRequest, deps: CheckDeps): Promise<CheckResult> {
  const site = checkInstallationSite(request.site);
  if (!site.ok) return { status: 400, error: site.error };
  const now = deps.now();
  const proof =
    request.bearer === undefined ? undefined : await deps.proof.verify(request.bearer, now);
  const admission = deps.limits.admit(callerOf(request, proof));
  if (!admission.ok) {
    return {
      status: 429,
      error: 'too many licence checks',
      retryAfterSeconds: admission.retryAfterSeconds,
    };
  }
  // A bad token is refused so the installation fetches a new one; a token that could not be
  // checked (the authority's keys unreachable) leaves the caller a stranger for this answer.
  if (proof && !proof.ok && !proof.unavailable) return { status: 401, error: proof.error };
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
  const member =
    proof?.ok === true &&
    tenant !== undefined &&
    proof.tenantId === tenant.entraTenantId.toLowerCase();
  if (member && tenant && !seenRecently(tenant, site.site, now)) {
    await recordInstallation(deps, site.domain, site.site, now);
  }
  const status = licenceStatus(tenant?.licence, now);
  const claims: LicenceClaims = { domain: site.domain, site: site.site, status };
  if (member && tenant) {
    claims.plan = tenant.licence.plan;
    claims.expiresAt = tenant.licence.expiresAt;
  }
  const token = await deps.signer.sign(claims, now);
  deps.log.write({
    event: 'licence.check',
    tenant: tenant ? site.domain : undefined,
    outcome: status,
    proof: member ? 'tenant' : proof?.ok ? 'other-tenant' : 'none',
  });
  return { status: 200, body: { ...claims, status, token } };
}

/** Bookkeeping, not the answer: a failed write is logged and tried again on a later check. */
async function recordInstallation(
  deps: CheckDeps,
  domain: string,
  site: string,
  now: Date,
): Promise<void> {
  try {
    await deps.tenants.recordInstallation(domain, site, now);
  } catch (err) {
    deps.log.write({
      event: 'licence.installation',
      level: 'warn',
      tenant: domain,
      outcome: 'not-recorded',
      code: errorCode(err),
    });
  }
}
