import { type JWK, SignJWT, createLocalJWKSet, exportJWK, generateKeyPair } from 'jose';

import { entraProof } from '../../../lib/licensing/proof';

const AUTHORITY = 'https://login.example';
const API = '11111111-1111-4111-8111-111111111111';
const TID = '00000000-0000-4000-8000-00000000c0de';
const OID = '7a0f1c2e-1111-4222-8333-444455556666';

async function keyPair(alg: 'EdDSA' | 'RS256', kid: string) {
  const { privateKey, publicKey } = await generateKeyPair(alg);
  return { privateKey, jwk: { ...(await exportJWK(publicKey)), kid, alg } as JWK };
}

describe('the proof an installation gives of its Entra tenant', () => {
  let entra: Awaited<ReturnType<typeof keyPair>>;
  let rsa: Awaited<ReturnType<typeof keyPair>>;
  let stranger: Awaited<ReturnType<typeof keyPair>>;
  let proof: ReturnType<typeof entraProof>;

  beforeAll(async () => {
    [entra, rsa, stranger] = await Promise.all([
      keyPair('EdDSA', 'e1'),
      keyPair('RS256', 'r1'),
      keyPair('EdDSA', 'e1'),
    ]);
    const keys = createLocalJWKSet({ keys: [entra.jwk, rsa.jwk] });
    proof = entraProof({ authorityHost: `${AUTHORITY}/`, clientId: API }, keys);
  });

  /** A v2 token as Entra issues it to a web part's user, with `change` applied. */
  function token(
    change: { claims?: object; iss?: string; aud?: string; exp?: string; nbf?: string } = {},
    key = entra,
  ): Promise<string> {
    const alg = key === rsa ? 'RS256' : 'EdDSA';
    return new SignJWT({
      tid: TID,
      oid: OID,
      ver: '2.0',
      scp: 'user_impersonation',
      ...change.claims,
    })
      .setProtectedHeader({ alg, kid: key.jwk.kid ?? '', typ: 'JWT' })
      .setIssuer(change.iss ?? `${AUTHORITY}/${TID}/v2.0`)
      .setAudience(change.aud ?? API)
      .setIssuedAt()
      .setNotBefore(change.nbf ?? '0s')
      .setExpirationTime(change.exp ?? '1h')
      .sign(key.privateKey);
  }

  it('when a current v2 token of the tenant for this service is given, then it proves tenant and user', async () => {
    await expect(proof.verify(await token(), new Date())).resolves.toEqual({
      ok: true,
      tenantId: TID,
      user: OID,
    });
    await expect(proof.verify(await token({}, rsa), new Date())).resolves.toMatchObject({
      ok: true,
    });
  });

  it.each([
    ['signed by another key', async () => token({}, stranger)],
    [
      'issued by another tenant than its tid',
      async () => token({ iss: `${AUTHORITY}/${'1'.repeat(8)}-1111-4111-8111-111111111111/v2.0` }),
    ],
    [
      'a v1 token (sts.windows.net issuer)',
      async () => token({ iss: `https://sts.windows.net/${TID}/` }),
    ],
    ['for another audience (Graph)', async () => token({ aud: 'https://graph.microsoft.com' })],
    ['expired', async () => token({ exp: '-10m' })],
    ['not yet valid', async () => token({ nbf: '10m' })],
    ['without a tenant', async () => token({ claims: { tid: undefined } })],
    ['junk', () => Promise.resolve('not.a.token')],
    ['empty', () => Promise.resolve('')],
    ['far too long', () => Promise.resolve('x'.repeat(9000))],
  ])('when the token is %s, then it proves nothing', async (_, make) => {
    const result = await proof.verify(await make(), new Date());
    expect(result.ok).toBe(false);
    expect(result).not.toHaveProperty('unavailable');
  });

  it('when the clocks differ by less than five minutes, then a just-expired token still proves', async () => {
    await expect(proof.verify(await token({ exp: '-2m' }), new Date())).resolves.toMatchObject({
      ok: true,
    });
  });
});
