/**
 * Graph simulator, an installation's sign-in: the password grant for the service's own API stands
 * in for the browser session of a SharePoint web part, and its v2 token is what the licence
 * endpoint's proof (lib/licensing/proof.ts) accepts, verified against the simulator's JWKS.
 */
import { decodeJwt, decodeProtectedHeader } from 'jose';

import { INSTALLATION_CLIENT_ID, signInInstallation } from '../../dev/graph-sim/signIn';
import { TEST_APP, type TestSimulator, startTestSimulator } from '../../dev/graph-sim/testing';
import { entraProof } from '../../lib/licensing/proof';

const TENANT = '00000000-0000-4000-8000-0000000000c3';
const UNKNOWN_TENANT = '00000000-0000-4000-8000-0000000000ff';

let t: TestSimulator;

beforeAll(async () => {
  t = await startTestSimulator();
  await t.addTenant(TENANT, 'northwind.sharepoint.com', ['/sites/helpdesk']);
});

afterAll(() => t.close());

async function signIn(tenant: string, change: Record<string, string> = {}) {
  const res = await fetch(`${t.url}/${tenant}/oauth2/v2.0/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'password',
      client_id: INSTALLATION_CLIENT_ID,
      scope: `api://${TEST_APP.clientId}/.default`,
      username: 'agent@northwind.example',
      password: 'x',
      ...change,
    }),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe("an installation's sign-in at the simulator", () => {
  it('when a user of a tenant signs in for the API, then the token looks like an Entra v2 token and proves the tenant', async () => {
    const token = await signInInstallation(
      t.url,
      TENANT,
      TEST_APP.clientId,
      'agent@northwind.example',
    );
    expect(decodeProtectedHeader(token)).toMatchObject({ alg: 'EdDSA', typ: 'JWT' });
    const claims = decodeJwt(token);
    expect(claims).toMatchObject({
      iss: `${t.url}/${TENANT}/v2.0`,
      aud: TEST_APP.clientId,
      tid: TENANT,
      azp: INSTALLATION_CLIENT_ID,
      ver: '2.0',
    });
    expect((claims.exp ?? 0) - (claims.nbf ?? 0)).toBeGreaterThan(3000);
    const proof = entraProof({ authorityHost: t.url, clientId: TEST_APP.clientId });
    await expect(proof.verify(token, new Date())).resolves.toEqual({
      ok: true,
      tenantId: TENANT,
      user: claims.oid,
    });
    // The same user signs in as the same oid; another user is another.
    const again = decodeJwt(
      await signInInstallation(t.url, TENANT, TEST_APP.clientId, 'Agent@Northwind.example'),
    );
    const other = decodeJwt(
      await signInInstallation(t.url, TENANT, TEST_APP.clientId, 'it@northwind.example'),
    );
    expect(again.oid).toBe(claims.oid);
    expect(other.oid).not.toBe(claims.oid);
  });

  it("when the service's Graph token is shown as proof, then it proves nothing", async () => {
    const graph = await t.credential(TENANT).getToken('https://graph.microsoft.com/.default');
    const proof = entraProof({ authorityHost: t.url, clientId: TEST_APP.clientId });
    await expect(proof.verify(graph.token, new Date())).resolves.toMatchObject({ ok: false });
  });

  it.each([
    ['another client', { client_id: TEST_APP.clientId }, 400, 'unauthorized_client'],
    [
      'Graph as the resource',
      { scope: 'https://graph.microsoft.com/.default' },
      400,
      'invalid_resource',
    ],
    ['no password', { password: '' }, 400, 'invalid_request'],
    ['a user name that is no address', { username: 'agent' }, 400, 'invalid_grant'],
  ])('when the sign-in names %s, then Entra refuses it', async (_, change, status, error) => {
    const res = await signIn(TENANT, change);
    expect(res.status).toBe(status);
    expect(res.body.error).toBe(error);
  });

  it('when the tenant is unknown, then the sign-in is refused like a client-credentials grant', async () => {
    const res = await signIn(UNKNOWN_TENANT);
    expect(res.status).toBe(400);
    expect(res.body.error_codes).toEqual([90002]);
  });
});
