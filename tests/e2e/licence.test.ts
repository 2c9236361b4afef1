/**
 * The licence endpoint on the functions host, against the Cosmos server and the Graph simulator's
 * Entra ID: what an installation in a SharePoint page sees (statuses, signed answers, CORS), what a
 * stranger sees, and what the service keeps (the site of an installation that proved its tenant).
 */
import { type JWK, createLocalJWKSet, jwtVerify } from 'jose';

import { LIMITS } from '../../lib/licensing/limits';
import type { TestHost } from '../support/stack';
import { bearer, checker, store, tokenOf } from './licenceClient';
import { hostAndTenant } from './setup';
import { type TestTenant, newTenant } from './support';

describe('the licence endpoint on the host', () => {
  let host: TestHost;
  let valid: TestTenant;
  // Each test speaks as its own client, so the per-client limit only bites where it is tested.
  const check = checker(() => host.url);

  async function keys(): Promise<{ keys: JWK[] }> {
    return (await (await fetch(`${host.url}/api/license/keys`)).json()) as { keys: JWK[] };
  }

  beforeAll(async () => {
    ({ host, tenant: valid } = await hostAndTenant());
  });

  it("when a page of a licensed site checks with its tenant's token, then it is valid, signed, told plan and expiry, and only its site is kept", async () => {
    const page = `https://${valid.domain}/sites/Helpdesk/SitePages/Home.aspx?x=1`;
    const res = await check(page, { headers: bearer(await tokenOf(valid)) });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      status: 'valid',
      domain: valid.domain,
      plan: 'standard',
      expiresAt: '2099-12-31',
    });
    const { payload, protectedHeader } = await jwtVerify(
      String(res.body.token),
      createLocalJWKSet(await keys()),
      { issuer: 'helpdesk-mail' },
    );
    expect(protectedHeader.alg).toBe('EdDSA');
    expect(payload).toMatchObject({ domain: valid.domain, status: 'valid', plan: 'standard' });
    const kept = (await store().get(valid.domain))?.installations.map((i) => i.url);
    expect(kept).toEqual([`https://${valid.domain}/sites/helpdesk`]);
  });

  it('when the answer is tampered with, then it no longer verifies with the published keys', async () => {
    const res = await check(`https://${valid.domain}/sites/helpdesk`);
    const [h, p, s] = String(res.body.token).split('.');
    const forged = Buffer.from(
      JSON.stringify({ ...JSON.parse(Buffer.from(p ?? '', 'base64url').toString()), plan: 'max' }),
    ).toString('base64url');
    await expect(jwtVerify(`${h}.${forged}.${s}`, createLocalJWKSet(await keys()))).rejects.toThrow(
      /signature/,
    );
  });

  it('when the licence is expired or suspended, then the check says so; POST answers like GET', async () => {
    const [expired, suspended] = await Promise.all([
      newTenant({ expiresAt: '2020-01-31' }),
      newTenant({ suspended: true }),
    ]);
    expect((await check(`https://${expired.domain}/sites/helpdesk`)).body.status).toBe('expired');
    const posted = await check('', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ site: `https://${suspended.domain}/sites/helpdesk` }),
    });
    expect(posted.status).toBe(200);
    expect(posted.body.status).toBe('suspended');
  });

  it('when the domain has no licence, then the answer is unknown and nothing is stored', async () => {
    const res = await check('https://nobody-here.sharepoint.com/sites/x');
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('unknown');
    expect(res.body).not.toHaveProperty('plan');
    expect(await store().get('nobody-here.sharepoint.com')).toBeUndefined();
  });

  it.each([
    ['a look-alike host', `https://${'contoso'}.sharepoint.com.evil.example/sites/x`],
    ['plain http', 'http://contoso.sharepoint.com/sites/x'],
    ['credentials in the URL', 'https://a:b@contoso.sharepoint.com/'],
    ['junk', 'not a url'],
    ['nothing', ''],
  ])('when the site is %s, then 400 with a short JSON error and no internals', async (_, site) => {
    const res = await check(site);
    expect(res.status).toBe(400);
    expect(Object.keys(res.body)).toEqual(['error']);
    expect(String(res.body.error)).not.toMatch(/\bat\b.*\.ts|Error:/);
  });

  it('when the body of a POST is not JSON, or far too big to be a check, then 400', async () => {
    expect((await check('', { method: 'POST', body: '{site:' })).status).toBe(400);
    const site = `https://${valid.domain}/sites/helpdesk`;
    const big = JSON.stringify({ site, padding: 'x'.repeat(64 * 1024) });
    expect((await check('', { method: 'POST', body: big })).status).toBe(400);
  });

  it('when a SharePoint page calls, then its origin is allowed (preflight too); any other origin is not', async () => {
    const origin = `https://${valid.domain}`;
    const preflight = await check('', {
      method: 'OPTIONS',
      headers: { origin, 'access-control-request-method': 'POST' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe(origin);
    expect(preflight.headers.get('access-control-allow-methods')).toContain('POST');
    expect(preflight.headers.get('access-control-allow-headers')).toContain('authorization');

    const site = `https://${valid.domain}/sites/helpdesk`;
    const allowed = await check(site, { headers: { origin } });
    expect(allowed.headers.get('access-control-allow-origin')).toBe(origin);
    for (const evil of [`https://${valid.domain}.evil.example`, 'http://contoso.sharepoint.com']) {
      const refused = await check(site, { headers: { origin: evil } });
      expect(refused.headers.get('access-control-allow-origin')).toBeNull();
    }
  });

  it('when one client checks in a burst, then it is refused with 429 and Retry-After, even when it varies its own X-Forwarded-For', async () => {
    const site = `https://${valid.domain}/sites/helpdesk`;
    const started = Date.now();
    const answers = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        check(site, { headers: { 'x-forwarded-for': `10.0.0.${i}, 203.0.113.99` } }),
      ),
    );
    // The burst, plus what refills while the 100 arrive (a busy machine takes a while).
    const { burst, ratePerSecond } = LIMITS.subscriber;
    const refill = Math.ceil(((Date.now() - started) / 1000) * ratePerSecond);
    const refused = answers.filter((a) => a.status === 429);
    expect(answers.filter((a) => a.status === 200).length).toBeLessThanOrEqual(burst + refill);
    expect(refused.length).toBeGreaterThanOrEqual(100 - burst - refill);
    expect(refused.length).toBeGreaterThan(0);
    expect(Number(refused[0]?.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
  });

  it('when 500 checks of installations arrive at once, then every one is answered with 200 or 429', async () => {
    const tenant = await newTenant();
    const tokens = await Promise.all(
      Array.from({ length: 50 }, (_, u) => tokenOf(tenant, `user${u}@${tenant.domain}`)),
    );
    const answers = await Promise.all(
      Array.from({ length: 500 }, (_, i) =>
        check(
          `https://${tenant.domain}/sites/s${i % 7}`,
          { headers: bearer(tokens[i % 50] ?? '') },
          `192.0.2.${i % 50}`,
        ),
      ),
    );
    const statuses = new Set(answers.map((a) => a.status));
    expect([...statuses].filter((s) => s !== 200 && s !== 429)).toEqual([]);
    expect(answers.some((a) => a.status === 200)).toBe(true);
    // Every installation that got an answer is recorded: concurrent first checks lose no URL.
    const answered = new Set(
      answers.filter((a) => a.status === 200).map((a) => String(a.body.site)),
    );
    const kept = (await store().get(tenant.domain))?.installations.map((i) => i.url) ?? [];
    expect(kept.sort()).toEqual([...answered].sort());
  });
});
