/**
 * Access tokens: JWTs signed with an Ed25519 key held in the state (so tokens stay valid across a
 * restart) carrying what Graph reads from a real app-only token (tid, appid, roles, exp), and the
 * verification of every Graph call's bearer token: 401 InvalidAuthenticationToken otherwise.
 */
import {
  type JWK,
  type KeyLike,
  SignJWT,
  exportJWK,
  generateKeyPair,
  importJWK,
  jwtVerify,
} from 'jose';

import { GraphError } from './errors';
import { type Store, stableGuid } from './state';

export interface Claims {
  tid: string;
  appid: string;
  roles: string[];
}

/** Entra's lifetime for app tokens: one hour, reported as 3599 s. */
export const TOKEN_LIFETIME_S = 3599;
export const GRAPH_AUDIENCE = 'https://graph.microsoft.com';
/** Graph's well-known app id (also the client_id Graph names in WWW-Authenticate). */
export const GRAPH_APP_ID = '00000003-0000-0000-c000-000000000000';
/** The service asks for least privilege (docs/data-protection.md): per-site grants, not all sites. */
const APP_ROLES = ['Sites.Selected'];
const KEY_ID = 'graph-sim-1';

const unauthenticated = (message: string): GraphError =>
  new GraphError(401, 'InvalidAuthenticationToken', message, {
    'www-authenticate': `Bearer realm="", authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize", client_id="${GRAPH_APP_ID}"`,
  });

export class TokenService {
  private constructor(
    private readonly privateKey: KeyLike | Uint8Array,
    private readonly publicKey: KeyLike | Uint8Array,
    /** Published at the jwks_uri of the OIDC document. */
    readonly publicJwk: JWK,
  ) {}

  static async create(store: Store): Promise<TokenService> {
    let jwk = store.state.signingKey;
    if (!jwk) {
      const { privateKey } = await generateKeyPair('EdDSA', { extractable: true });
      jwk = await exportJWK(privateKey);
      store.state.signingKey = jwk;
      store.changed();
    }
    const publicJwk: JWK = { ...jwk };
    delete publicJwk.d;
    const privateKey = await importJWK(jwk, 'EdDSA');
    const publicKey = await importJWK(publicJwk, 'EdDSA');
    return new TokenService(privateKey, publicKey, { ...publicJwk, kid: KEY_ID, use: 'sig' });
  }

  /** A v1.0 app-only Graph token, shaped like the ones Entra issues for client credentials. */
  async issue(tenantId: string, appId: string): Promise<string> {
    const servicePrincipal = stableGuid(tenantId, appId, 'service-principal');
    return await new SignJWT({
      appid: appId,
      appidacr: '1',
      idtyp: 'app',
      oid: servicePrincipal,
      roles: APP_ROLES,
      tid: tenantId,
      ver: '1.0',
    })
      .setProtectedHeader({ alg: 'EdDSA', typ: 'JWT', kid: KEY_ID })
      .setIssuer(`https://sts.windows.net/${tenantId}/`)
      .setAudience(GRAPH_AUDIENCE)
      .setSubject(servicePrincipal)
      .setIssuedAt()
      .setNotBefore('0s')
      .setExpirationTime(`${TOKEN_LIFETIME_S}s`)
      .sign(this.privateKey);
  }

  /**
   * A v2.0 delegated token for an API (not Graph), shaped like the ones Entra issues to a signed-in
   * user's client, e.g. a SharePoint web part's AadHttpClient: issuer `{authority}/{tid}/v2.0`,
   * audience the API's client id, the user's object id in `oid`, the calling client in `azp`.
   */
  async issueForApi(user: {
    authority: string;
    tenantId: string;
    audience: string;
    client: string;
    username: string;
  }): Promise<string> {
    const oid = stableGuid(user.tenantId, user.username.toLowerCase(), 'user');
    return await new SignJWT({
      azp: user.client,
      azpacr: '0',
      oid,
      scp: 'user_impersonation',
      tid: user.tenantId,
      ver: '2.0',
    })
      .setProtectedHeader({ alg: 'EdDSA', typ: 'JWT', kid: KEY_ID })
      .setIssuer(`${user.authority}/${user.tenantId}/v2.0`)
      .setAudience(user.audience)
      .setSubject(stableGuid(oid, user.client, 'pairwise-sub'))
      .setIssuedAt()
      .setNotBefore('0s')
      .setExpirationTime(`${TOKEN_LIFETIME_S}s`)
      .sign(this.privateKey);
  }

  /** Verifies a Graph call's bearer token; 401 InvalidAuthenticationToken otherwise. */
  async verify(authorization: string | undefined): Promise<Claims> {
    const token = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
    if (!token) throw unauthenticated('Access token is empty.');
    if (token.split('.').length !== 3) {
      throw unauthenticated('CompactToken parsing failed with error code: 80049217');
    }
    try {
      const { payload } = await jwtVerify(token, this.publicKey, { audience: GRAPH_AUDIENCE });
      const { tid, appid, roles } = payload as Partial<Claims>;
      if (typeof tid !== 'string' || typeof appid !== 'string') throw new Error('claims');
      return { tid, appid, roles: Array.isArray(roles) ? roles : [] };
    } catch (err) {
      if ((err as { code?: string }).code === 'ERR_JWT_EXPIRED') {
        throw unauthenticated('Lifetime validation failed, the token is expired.');
      }
      throw unauthenticated('Access token validation failure. Invalid audience or signature.');
    }
  }
}
