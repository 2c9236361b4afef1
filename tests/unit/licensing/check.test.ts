import {
  type KeyLike,
  SignJWT,
  createLocalJWKSet,
  decodeJwt,
  exportJWK,
  generateKeyPair,
} from 'jose';

import { type CheckDeps, checkLicence } from '../../../lib/licensing/check';
import { clientAddress } from '../../../lib/licensing/client';
import { CallerLimits, LIMITS } from '../../../lib/licensing/limits';
import { entraProof } from '../../../lib/licensing/proof';
import { createSigner, generateSigningKey } from '../../../lib/licensing/signing';
import { DOMAIN, TENANT_ID, memoryStore } from './memoryStore';

const AUTHORITY = 'https://login.example';
const API = '11111111-1111-4111-8111-111111111111';
const OTHER_TENANT = '99999999-9999-4999-8999-999999999999';
const NOW = new Date('2026-11-22T09:00:00Z');
const SITE = `https://${DOMAIN}/sites/helpdesk`;

describe('the licence check with and without proof of the tenant', () => {
  let entraKey: KeyLike;
  let deps: CheckDeps;
  let tenants: ReturnType<typeof memoryStore>;

  beforeAll(async () => {
    const { privateKey, publicKey } = await generateKeyPair('EdDSA');
    entraKey = privateKey;
    const jwks = createLocalJWKSet({ keys: [{ ...(await exportJWK(publicKey)), kid: 'e1' }] });
    tenants = memoryStore();
    deps = {
      tenants,
      signer: await createSigner(JSON.stringify({ keys: [await generateSigningKey('k1')] })),
      limits: new CallerLimits(() => NOW.getTime()),
      proof: entraProof({ authorityHost: AUTHORITY, clientId: API }, jwks),
      log: { write: () => undefined },
      now: () => NOW,
    };
  });
  beforeEach(() => tenants.recorded.splice(0));

  function userToken(tid = TENANT_ID, oid = '7a0f1c2e-1111-4222-8333-444455556666') {
    return new SignJWT({ tid, oid, ver: '2.0' })
      .setProtectedHeader({ alg: 'EdDSA', kid: 'e1' })
      .setIssuer(`${AUTHORITY}/${tid}/v2.0`)
      .setAudience(API)
      .setIssuedAt(NOW)
      .setNotBefore(NOW)
      .setExpirationTime(new Date(NOW.getTime() + 3600_000))
      .sign(entraKey);
  }

  const ask = (site: string, from: string, bearer?: string) =>
    checkLicence({ site, client: clientAddress(from), bearer }, deps);

  it('when an installation proves its tenant, then it is recorded and told plan and expiry, signed', async () => {
    const answer = await ask(`${SITE}/SitePages/Home.aspx`, '203.0.113.1', await userToken());
    if (answer.status !== 200) throw new Error(`answered ${answer.status}`);
    expect(answer.body).toMatchObject({
      status: 'valid',
      plan: 'standard',
      expiresAt: '2099-12-31',
    });
    expect(decodeJwt(answer.body.token)).toMatchObject({
      plan: 'standard',
      expiresAt: '2099-12-31',
    });
    expect(tenants.recorded).toEqual([SITE]);
  });

  it('when the token is of another Entra tenant, then the caller is a stranger: status only, nothing recorded', async () => {
    const answer = await ask(SITE, '203.0.113.2', await userToken(OTHER_TENANT));
    if (answer.status !== 200) throw new Error(`answered ${answer.status}`);
    expect(answer.body.status).toBe('valid');
    expect(answer.body).not.toHaveProperty('plan');
    expect(tenants.recorded).toEqual([]);
  });

  it('when the token does not verify, then 401 and nothing recorded', async () => {
    const forged = `${(await userToken()).slice(0, -4)}AAAA`;
    expect(await ask(SITE, '203.0.113.3', forged)).toMatchObject({ status: 401 });
    expect(await ask(SITE, '203.0.113.3', '')).toMatchObject({ status: 401 });
    expect(tenants.recorded).toEqual([]);
  });

  it("when a stranger spends its whole /48 and the customer's network address, then the proven installation there is still answered", async () => {
    const answers = [];
    for (let i = 0; i < 400; i++) {
      answers.push((await ask(SITE, `2001:db8:bb:${i.toString(16)}::1`)).status);
    }
    // The /48 as a whole gets its burst and no more, however many /64s it uses.
    expect(answers.filter((s) => s === 200)).toHaveLength(LIMITS.network.burst);
    const insider = await ask(SITE, '2001:db8:bb:1::1', await userToken());
    expect(insider.status).toBe(200);
  });

  it('when one signed-in user checks in a burst, then only that user is refused', async () => {
    const oid = '0b0b0b0b-1111-4222-8333-444455556666';
    const token = await userToken(TENANT_ID, oid);
    const answers = [];
    for (let i = 0; i < LIMITS.user.burst + 1; i++)
      answers.push((await ask(SITE, '192.0.2.1', token)).status);
    expect(answers.slice(0, -1).every((s) => s === 200)).toBe(true);
    expect(answers.at(-1)).toBe(429);
    expect((await ask(SITE, '192.0.2.1', await userToken())).status).toBe(200);
  });
});
