/**
 * An installation proves which customer it belongs to with an Entra ID access token for this
 * service, which the SharePoint web part gets from its signed-in user's session (AadHttpClient) and
 * sends as `Authorization: Bearer`. The token proves the Entra tenant (`tid`) only when:
 * - its signature verifies against the authority's published keys (one JWKS for every tenant);
 * - it is a v2 token issued by that tenant: `iss` is `{authority}/{tid}/v2.0`;
 * - it was issued for this service: `aud` is the app registration's client id;
 * - it is current: `exp` and `nbf` hold, within 300 s of clock skew (what MSAL allows).
 * The check then compares `tid` with the Entra tenant id in the domain's record (check.ts).
 *
 * Why a token and not "the site answers on Graph": Graph can only say a site exists (and with
 * Sites.Selected only for the helpdesk site), not that the caller is an installation in it, and it
 * would spend the customer's Graph quota on an anonymous caller's say-so.
 */
import { type JWTVerifyGetKey, createRemoteJWKSet, decodeJwt, errors, jwtVerify } from 'jose';

export type Proof =
  | { ok: true; tenantId: string; user: string }
  | { ok: false; error: string; unavailable?: boolean };

export interface InstallationProof {
  verify(bearer: string, now: Date): Promise<Proof>;
}

// Entra access tokens are 1.5 to 3 KB; 8 KiB leaves room for large group claims and caps the work.
const MAX_TOKEN_CHARS = 8192;
const CLOCK_SKEW_SECONDS = 300;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
// Entra signs with RS256; the local simulator with EdDSA. The key's own type must match either way.
const ALGORITHMS = ['RS256', 'EdDSA'];

const refused = (error: string): Proof => ({ ok: false, error });

export function entraProof(
  settings: { authorityHost: string; clientId: string },
  keys: JWTVerifyGetKey = createRemoteJWKSet(
    new URL(`${settings.authorityHost.replace(/\/+$/, '')}/common/discovery/v2.0/keys`),
    // Keys are cached 10 min; a token naming an unknown key fetches them again at most every 30 s,
    // so made-up tokens cannot turn into a stream of requests to the authority.
    { cacheMaxAge: 600_000, cooldownDuration: 30_000, timeoutDuration: 5000 },
  ),
): InstallationProof {
  const authority = settings.authorityHost.replace(/\/+$/, '');
  return {
    async verify(bearer, now) {
      if (!bearer || bearer.length > MAX_TOKEN_CHARS) return refused('the token is not valid');
      let tid: unknown;
      try {
        tid = decodeJwt(bearer).tid;
      } catch {
        return refused('the token is not valid');
      }
      if (typeof tid !== 'string' || !GUID.test(tid)) return refused('the token names no tenant');
      try {
        const { payload } = await jwtVerify(bearer, keys, {
          issuer: `${authority}/${tid}/v2.0`,
          audience: settings.clientId,
          algorithms: ALGORITHMS,
          clockTolerance: CLOCK_SKEW_SECONDS,
          currentDate: now,
          requiredClaims: ['exp', 'nbf', 'tid'],
        });
        const user = typeof payload.oid === 'string' ? payload.oid : payload.sub;
        if (!user) return refused('the token names no user');
        return { ok: true, tenantId: tid, user };
      } catch (err) {
        if (err instanceof errors.JWTExpired) return refused('the token has expired');
        if (err instanceof errors.JWKSTimeout || !(err instanceof errors.JOSEError)) {
          // The authority's keys could not be fetched: our trouble, not the caller's.
          return { ok: false, error: 'the token cannot be checked now', unavailable: true };
        }
        return refused('the token is not valid');
      }
    },
  };
}
