import { createLocalJWKSet, jwtVerify } from 'jose';

import { ConfigError } from '../../../lib/errors';
import { ISSUER, createSigner, generateSigningKey } from '../../../lib/licensing/signing';

const claims = {
  domain: 'contoso.sharepoint.com',
  site: 'https://contoso.sharepoint.com/sites/helpdesk',
  status: 'valid',
  plan: 'standard',
  expiresAt: '2099-12-31',
};
const setting = (...keys: object[]) => JSON.stringify({ keys });

describe('licence signing', () => {
  it('when an answer is signed, then it verifies with the published JWKS and carries the claims', async () => {
    const signer = await createSigner(setting(await generateSigningKey('k1')));
    const token = await signer.sign(claims, new Date());
    const { payload, protectedHeader } = await jwtVerify(token, createLocalJWKSet(signer.jwks()), {
      issuer: ISSUER,
    });
    expect(protectedHeader).toMatchObject({ alg: 'EdDSA', kid: 'k1' });
    expect(payload).toMatchObject({ ...claims, sub: claims.site });
    expect((payload.exp ?? 0) - (payload.iat ?? 0)).toBe(3600);
  });

  it('when the published keys are read, then no private part is in them', async () => {
    const signer = await createSigner(setting(await generateSigningKey('k1')));
    expect(JSON.stringify(signer.jwks())).not.toContain('"d"');
  });

  it('when a token is tampered with, then verification fails', async () => {
    const signer = await createSigner(setting(await generateSigningKey('k1')));
    const [h, p, s] = (await signer.sign(claims, new Date())).split('.');
    const forged = Buffer.from(
      JSON.stringify({ ...claims, status: 'valid', expiresAt: '2199-01-01' }),
    ).toString('base64url');
    await expect(
      jwtVerify(`${h}.${forged}.${s}`, createLocalJWKSet(signer.jwks())),
    ).rejects.toThrow();
    expect(p).not.toBe(forged);
  });

  it('when the key is rotated, then new answers use the new kid and old answers still verify until the old key retires', async () => {
    const k1 = await generateSigningKey('k1');
    const old = await (await createSigner(setting(k1))).sign(claims, new Date());
    const rotated = await createSigner(setting(await generateSigningKey('k2'), k1));
    const fresh = await rotated.sign(claims, new Date());
    const jwks = createLocalJWKSet(rotated.jwks());
    expect((await jwtVerify(fresh, jwks)).protectedHeader.kid).toBe('k2');
    await expect(jwtVerify(old, jwks)).resolves.toBeTruthy();
    const retired = await createSigner(setting(await generateSigningKey('k3')));
    await expect(jwtVerify(old, createLocalJWKSet(retired.jwks()))).rejects.toThrow();
  });

  it.each([
    ['unset', undefined],
    ['not JSON', '{nope'],
    ['no keys', '{"keys":[]}'],
    [
      'a public key only',
      JSON.stringify({ keys: [{ kty: 'OKP', crv: 'Ed25519', x: 'AA', kid: 'a' }] }),
    ],
  ])('when the setting is %s, then a ConfigError names LICENSE_SIGNING_KEYS', async (_d, value) => {
    await expect(createSigner(value)).rejects.toBeInstanceOf(ConfigError);
    await expect(createSigner(value)).rejects.toMatchObject({ key: 'LICENSE_SIGNING_KEYS' });
  });
});
