/**
 * Graph simulator, Entra side and isolation: discovery, client-credentials tokens and their errors
 * through the real @azure/identity, bearer verification on Graph calls, tenant isolation.
 */
import { SignJWT, createLocalJWKSet, decodeJwt, generateKeyPair, jwtVerify } from 'jose';

import {
  GRAPH_SCOPE,
  TEST_APP,
  type TestSimulator,
  startTestSimulator,
} from '../../dev/graph-sim/testing';

const TENANT_A = '00000000-0000-4000-8000-0000000000a1';
const TENANT_B = '00000000-0000-4000-8000-0000000000b2';
const UNKNOWN_TENANT = '00000000-0000-4000-8000-0000000000ff';

let t: TestSimulator;
let siteB: string;

beforeAll(async () => {
  t = await startTestSimulator();
  await t.addTenant(TENANT_A, 'contoso.sharepoint.com', ['/sites/helpdesk']);
  [siteB = ''] = await t.addTenant(TENANT_B, 'fabrikam.sharepoint.com', ['/sites/helpdesk']);
});

afterAll(() => t.close());

async function tokenEndpoint(
  tenant: string,
  form: Record<string, string>,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${t.url}/${tenant}/oauth2/v2.0/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form).toString(),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

const validForm = {
  grant_type: 'client_credentials',
  client_id: TEST_APP.clientId,
  client_secret: TEST_APP.clientSecret,
  scope: GRAPH_SCOPE,
};

describe('Entra discovery and tokens', () => {
  it('when MSAL discovers the authority, then every endpoint and the issuer point at the simulator', async () => {
    const res = await fetch(`${t.url}/${TENANT_A}/v2.0/.well-known/openid-configuration`);
    const doc = (await res.json()) as Record<string, string>;
    expect(res.status).toBe(200);
    expect(doc.issuer).toBe(`${t.url}/${TENANT_A}/v2.0`);
    expect(doc.token_endpoint).toBe(`${t.url}/${TENANT_A}/oauth2/v2.0/token`);
    expect(doc.authorization_endpoint).toBe(`${t.url}/${TENANT_A}/oauth2/v2.0/authorize`);
    expect(doc.jwks_uri).toBe(`${t.url}/${TENANT_A}/discovery/v2.0/keys`);
  });

  it('when ClientSecretCredential asks for a Graph token, then it gets a signed JWT with tid, appid, roles and exp', async () => {
    const token = await t.credential(TENANT_A).getToken(GRAPH_SCOPE);
    const claims = decodeJwt(token.token);
    expect(claims).toMatchObject({
      tid: TENANT_A,
      appid: TEST_APP.clientId,
      roles: ['Sites.Selected'],
      aud: 'https://graph.microsoft.com',
    });
    expect(claims.exp).toBeGreaterThan(Date.now() / 1000 + 3000);
    const jwks = (await (
      await fetch(`${t.url}/${TENANT_A}/discovery/v2.0/keys`)
    ).json()) as Parameters<typeof createLocalJWKSet>[0];
    await expect(jwtVerify(token.token, createLocalJWKSet(jwks))).resolves.toBeDefined();
  });

  it('when the secret is wrong, then @azure/identity fails with AADSTS7000215 (401 invalid_client)', async () => {
    await expect(t.credential(TENANT_A, 'wrong-secret').getToken(GRAPH_SCOPE)).rejects.toThrow(
      /AADSTS7000215/,
    );
    const res = await tokenEndpoint(TENANT_A, { ...validForm, client_secret: 'wrong-secret' });
    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({ error: 'invalid_client', error_codes: [7000215] });
    expect(res.body.error_description).toMatch(
      /^AADSTS7000215: Invalid client secret provided\..*Trace ID: .*Correlation ID: .*Timestamp: /s,
    );
    expect(res.body).toHaveProperty('trace_id');
    expect(res.body).toHaveProperty('correlation_id');
    expect(res.body).toHaveProperty('timestamp');
  });

  it('when the client id is unknown, then unauthorized_client AADSTS700016 (400)', async () => {
    const other = '22222222-2222-4222-8222-222222222222';
    await expect(
      t.credential(TENANT_A, TEST_APP.clientSecret, other).getToken(GRAPH_SCOPE),
    ).rejects.toThrow(/AADSTS700016/);
    const res = await tokenEndpoint(TENANT_A, { ...validForm, client_id: other });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ error: 'unauthorized_client', error_codes: [700016] });
  });

  it('when the scope lacks /.default, then invalid_scope AADSTS1002012 (400)', async () => {
    await expect(
      t.credential(TENANT_A).getToken('https://graph.microsoft.com/Sites.Read.All'),
    ).rejects.toThrow(/AADSTS1002012/);
    const res = await tokenEndpoint(TENANT_A, {
      ...validForm,
      scope: 'https://graph.microsoft.com/Sites.Read.All',
    });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ error: 'invalid_scope', error_codes: [1002012] });
  });

  it('when the tenant is not registered, then discovery and token fail with AADSTS90002', async () => {
    await expect(t.credential(UNKNOWN_TENANT).getToken(GRAPH_SCOPE)).rejects.toThrow();
    const res = await tokenEndpoint(UNKNOWN_TENANT, validForm);
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ error: 'invalid_request', error_codes: [90002] });
    const discovery = await fetch(
      `${t.url}/${UNKNOWN_TENANT}/v2.0/.well-known/openid-configuration`,
    );
    expect(discovery.status).toBe(400);
    expect(await discovery.json()).toMatchObject({ error: 'invalid_tenant', error_codes: [90002] });
  });
});

describe('Graph authentication and isolation', () => {
  const graphGet = async (
    authorization?: string,
  ): Promise<{ status: number; body: { error: { code: string; message: string } } }> => {
    const res = await fetch(`${t.url}/v1.0/sites/${siteB}`, {
      headers: authorization ? { authorization } : {},
    });
    return {
      status: res.status,
      body: (await res.json()) as { error: { code: string; message: string } },
    };
  };

  it('when a Graph call has no token, a malformed one or one the simulator did not sign, then 401 InvalidAuthenticationToken', async () => {
    const { privateKey } = await generateKeyPair('EdDSA');
    const forged = await new SignJWT({
      tid: TENANT_B,
      appid: TEST_APP.clientId,
      roles: ['Sites.Selected'],
    })
      .setProtectedHeader({ alg: 'EdDSA' })
      .setAudience('https://graph.microsoft.com')
      .setExpirationTime('1h')
      .sign(privateKey);
    for (const authorization of [undefined, 'Bearer not-a-jwt', `Bearer ${forged}`]) {
      const res = await graphGet(authorization);
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe('InvalidAuthenticationToken');
    }
  });

  it("when tenant A's app reads tenant B's site by id or by path, then 403 accessDenied", async () => {
    const client = t.client(TENANT_A);
    await expect(client.api(`/sites/${siteB}`).get()).rejects.toMatchObject({
      statusCode: 403,
      code: 'accessDenied',
    });
    await expect(
      client.api('/sites/fabrikam.sharepoint.com:/sites/helpdesk').get(),
    ).rejects.toMatchObject({ statusCode: 403 });
    await expect(client.api(`/sites/${siteB}/lists`).get()).rejects.toMatchObject({
      statusCode: 403,
    });
    await expect(t.client(TENANT_B).api(`/sites/${siteB}`).get()).resolves.toMatchObject({
      id: siteB,
    });
  });

  it('when a site does not exist, then 404 itemNotFound "Requested site could not be found"', async () => {
    await expect(
      t.client(TENANT_A).api('/sites/contoso.sharepoint.com:/sites/nowhere').get(),
    ).rejects.toMatchObject({
      statusCode: 404,
      code: 'itemNotFound',
      message: 'Requested site could not be found',
    });
  });

  it('when the caller sends client-request-id, then it is echoed with a request-id in headers and the error body', async () => {
    const res = await fetch(`${t.url}/v1.0/sites/${siteB}`, {
      headers: { 'client-request-id': 'abc-123' },
    });
    const body = (await res.json()) as { error: { innerError: Record<string, string> } };
    expect(res.headers.get('client-request-id')).toBe('abc-123');
    expect(res.headers.get('request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(body.error.innerError).toMatchObject({
      'client-request-id': 'abc-123',
      'request-id': res.headers.get('request-id'),
    });
    expect(body.error.innerError.date).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/);
  });
});
