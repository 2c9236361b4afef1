/**
 * Entra ID for one multi-tenant app registration: OIDC discovery (MSAL fetches it even with
 * instance discovery disabled), the signing keys, and the client-credentials token endpoint (and
 * the password grant standing in for an installation's sign-in, signIn.ts) with
 * Entra's own error envelopes (docs/graph.md "Token endpoint"). Any registered tenant may use the
 * app; an unregistered one is refused the way Entra refuses an unknown tenant (AADSTS90002).
 */
import { GRAPH_APP_ID, GRAPH_AUDIENCE, TOKEN_LIFETIME_S, type TokenService } from './auth';
import { TokenError, tokenErrorBody } from './errors';
import { type SimRequest, type SimResponse, header } from './http';
import { passwordGrant } from './signIn';
import type { Store } from './state';

export interface AppRegistration {
  clientId: string;
  clientSecret: string;
}

const ENTRA_PATH =
  /^\/([^/]+)\/(v2\.0\/\.well-known\/openid-configuration|oauth2\/v2\.0\/token|discovery\/v2\.0\/keys)$/;
const OIDC_SCOPES = new Set(['openid', 'profile', 'offline_access', 'email']);

/** Entra answers with plain JSON, not Graph's OData media type. */
const oauthJson = (status: number, body: unknown): SimResponse => ({
  status,
  raw: { data: Buffer.from(JSON.stringify(body)), contentType: 'application/json; charset=utf-8' },
  headers: { 'cache-control': 'no-store, no-cache' },
});

const missingParameter = (name: string): TokenError =>
  new TokenError(
    400,
    'invalid_request',
    900144,
    `The request body must contain the following parameter: '${name}'.`,
  );

function tenantIdOf(store: Store, ref: string): string {
  const tenant = store.state.tenants.find((t) => t.id === ref.toLowerCase());
  if (tenant) return tenant.id;
  throw new TokenError(
    400,
    'invalid_request',
    90002,
    `Tenant '${ref}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud. Check with your subscription administrator, this may happen if there are no active subscriptions for the tenant.`,
  );
}

function openidConfiguration(base: string, tenantId: string): object {
  const t = `${base}/${tenantId}`;
  return {
    token_endpoint: `${t}/oauth2/v2.0/token`,
    token_endpoint_auth_methods_supported: [
      'client_secret_post',
      'private_key_jwt',
      'client_secret_basic',
    ],
    jwks_uri: `${t}/discovery/v2.0/keys`,
    response_modes_supported: ['query', 'fragment', 'form_post'],
    subject_types_supported: ['pairwise'],
    id_token_signing_alg_values_supported: ['EdDSA'],
    response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
    scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
    // MSAL accepts the issuer only when its scheme, host and port match the authority's.
    issuer: `${t}/v2.0`,
    request_uri_parameter_supported: false,
    authorization_endpoint: `${t}/oauth2/v2.0/authorize`,
    device_authorization_endpoint: `${t}/oauth2/v2.0/devicecode`,
    end_session_endpoint: `${t}/oauth2/v2.0/logout`,
    tenant_region_scope: 'EU',
    cloud_instance_name: 'microsoftonline.com',
    msgraph_host: 'graph.microsoft.com',
  };
}

/** Client credentials take exactly one resource's `/.default`, and only Graph exists here. */
function checkScope(scope: string | null): void {
  if (!scope) throw missingParameter('scope');
  const resources = scope.split(/\s+/).filter((s) => s && !OIDC_SCOPES.has(s));
  for (const s of resources) {
    if (!s.endsWith('/.default')) {
      throw new TokenError(
        400,
        'invalid_scope',
        1002012,
        `The provided value for scope ${s} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).`,
      );
    }
    const resource = s.slice(0, -'/.default'.length).replace(/\/+$/, '');
    if (resource !== GRAPH_AUDIENCE && resource !== GRAPH_APP_ID) {
      throw new TokenError(
        400,
        'invalid_resource',
        500011,
        `The resource principal named ${resource} was not found in the tenant.`,
      );
    }
  }
  if (resources.length !== 1) throw missingParameter('scope');
}

/** client_id and client_secret from the form, or from HTTP Basic authentication. */
function clientCredentials(
  req: SimRequest,
  form: URLSearchParams,
): { id?: string; secret?: string } {
  const basic = /^Basic\s+(\S+)$/i.exec(header(req, 'authorization') ?? '')?.[1];
  const pair = basic ? Buffer.from(basic, 'base64').toString('utf8') : '';
  const colon = pair.indexOf(':');
  const fromBasic =
    colon > 0
      ? new URLSearchParams(`id=${pair.slice(0, colon)}&secret=${pair.slice(colon + 1)}`)
      : undefined;
  const id = form.get('client_id') ?? fromBasic?.get('id') ?? undefined;
  const secret = form.get('client_secret') ?? fromBasic?.get('secret') ?? undefined;
  return { ...(id ? { id } : {}), ...(secret !== undefined ? { secret } : {}) };
}

async function token(
  req: SimRequest,
  tenantId: string,
  app: AppRegistration,
  tokens: TokenService,
): Promise<object> {
  const form = new URLSearchParams(req.body.toString('utf8'));
  const grant = form.get('grant_type');
  if (grant === 'password') {
    const where = { authority: req.baseUrl, tenantId, apiClientId: app.clientId };
    return await passwordGrant(form, where, tokens);
  }
  if (grant !== 'client_credentials') {
    throw new TokenError(
      400,
      'unsupported_grant_type',
      70003,
      `The app requested an unsupported grant type '${grant ?? ''}'.`,
    );
  }
  const client = clientCredentials(req, form);
  if (!client.id) throw missingParameter('client_id');
  if (client.id !== app.clientId) {
    throw new TokenError(
      400,
      'unauthorized_client',
      700016,
      `Application with identifier '${client.id}' was not found in the directory '${tenantId}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant.`,
    );
  }
  checkScope(form.get('scope'));
  if (client.secret === undefined) {
    throw new TokenError(
      401,
      'invalid_client',
      7000216,
      "'client_assertion', 'client_secret' or 'request' is required for the 'client_credentials' grant type.",
    );
  }
  if (client.secret !== app.clientSecret) {
    throw new TokenError(
      401,
      'invalid_client',
      7000215,
      `Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${client.id}'.`,
    );
  }
  const accessToken = await tokens.issue(tenantId, client.id);
  return {
    token_type: 'Bearer',
    expires_in: TOKEN_LIFETIME_S,
    ext_expires_in: TOKEN_LIFETIME_S,
    access_token: accessToken,
  };
}

/** Serves the Entra paths; undefined when the path is not one of them. */
export async function handleEntra(
  req: SimRequest,
  store: Store,
  app: AppRegistration,
  tokens: TokenService,
): Promise<SimResponse | undefined> {
  const m = ENTRA_PATH.exec(req.path);
  if (!m) return undefined;
  const what = m[2] ?? '';
  if (what.startsWith('discovery')) return oauthJson(200, { keys: [tokens.publicJwk] });
  const discovery = what.startsWith('v2.0');
  if (req.method !== (discovery ? 'GET' : 'POST'))
    return oauthJson(405, { error: 'invalid_request' });
  try {
    const tenantId = tenantIdOf(store, m[1] ?? '');
    return oauthJson(
      200,
      discovery
        ? openidConfiguration(req.baseUrl, tenantId)
        : await token(req, tenantId, app, tokens),
    );
  } catch (err) {
    if (!(err instanceof TokenError)) throw err;
    // Discovery for an unknown tenant says invalid_tenant; the token endpoint says invalid_request.
    const e = discovery
      ? new TokenError(err.status, 'invalid_tenant', err.aadsts, err.description)
      : err;
    // MSAL sends its correlation id as a client-request-id query parameter.
    const correlationId =
      req.query.get('client-request-id') ?? header(req, 'client-request-id') ?? req.ids.requestId;
    return oauthJson(e.status, tokenErrorBody(e, correlationId));
  }
}
