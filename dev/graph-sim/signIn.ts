/**
 * The sign-in of an installation's user: the local stand-in for the browser session a SharePoint
 * web part takes its token from (AadHttpClient). Served as Entra v2's resource-owner password grant
 * (`grant_type=password` at `/{tenant}/oauth2/v2.0/token`) for the service's own API, answering with
 * a v2 token (auth.ts `issueForApi`). The simulator keeps no users: any address with any non-empty
 * password signs in as that address's user of the tenant (a stable oid).
 */
import { TOKEN_LIFETIME_S, type TokenService } from './auth';
import { TokenError } from './errors';

/** Stands for SharePoint's client-extensibility principal, the client AadHttpClient signs in with. */
export const INSTALLATION_CLIENT_ID = '5e0c1e59-8c00-4e5a-9f0d-5ba1e5ce1a11';

const ADDRESS = /^[^\s@]{1,64}@[a-z0-9.-]{1,253}$/i;

function required(form: URLSearchParams, name: string): string {
  const value = form.get(name);
  if (value) return value;
  throw new TokenError(
    400,
    'invalid_request',
    900144,
    `The request body must contain the following parameter: '${name}'.`,
  );
}

/** `{id}/.default`, `api://{id}/.default` or `.../user_impersonation` of the API named by `apiId`. */
function apiScope(scope: string, apiId: string): string {
  const resources = scope
    .split(/\s+/)
    .filter((s) => s && !/^(openid|profile|offline_access)$/.test(s));
  const resource =
    resources.length === 1
      ? resources[0]?.replace(/\/(\.default|user_impersonation)$/, '')
      : undefined;
  if (resource !== apiId && resource !== `api://${apiId}`) {
    throw new TokenError(
      400,
      'invalid_resource',
      500011,
      `The resource principal named ${resource ?? scope} was not found in the tenant.`,
    );
  }
  return `${resource}/user_impersonation`;
}

export async function passwordGrant(
  form: URLSearchParams,
  where: { authority: string; tenantId: string; apiClientId: string },
  tokens: TokenService,
): Promise<object> {
  const client = required(form, 'client_id');
  if (client !== INSTALLATION_CLIENT_ID) {
    throw new TokenError(
      400,
      'unauthorized_client',
      700016,
      `Application with identifier '${client}' was not found in the directory '${where.tenantId}'.`,
    );
  }
  const scope = apiScope(required(form, 'scope'), where.apiClientId);
  const username = required(form, 'username');
  required(form, 'password');
  if (!ADDRESS.test(username)) {
    throw new TokenError(
      400,
      'invalid_grant',
      50034,
      'The user account does not exist in the directory.',
    );
  }
  const accessToken = await tokens.issueForApi({
    authority: where.authority,
    tenantId: where.tenantId,
    audience: where.apiClientId,
    client,
    username,
  });
  return {
    token_type: 'Bearer',
    scope,
    expires_in: TOKEN_LIFETIME_S,
    ext_expires_in: TOKEN_LIFETIME_S,
    access_token: accessToken,
  };
}

/** Signs `username` in at the simulator and returns an access token for the service's API. */
export async function signInInstallation(
  authorityHost: string,
  tenantId: string,
  apiClientId: string,
  username = 'installation@example.com',
): Promise<string> {
  const res = await fetch(`${authorityHost}/${tenantId}/oauth2/v2.0/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'password',
      client_id: INSTALLATION_CLIENT_ID,
      scope: `api://${apiClientId}/.default`,
      username,
      password: 'local',
    }),
  });
  const body = (await res.json()) as { access_token?: string; error?: string };
  if (!body.access_token) throw new Error(`sign-in failed: ${res.status} ${body.error ?? ''}`);
  return body.access_token;
}
