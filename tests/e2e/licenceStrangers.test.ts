/**
 * The licence endpoint on the host as a stranger meets it (issue 15, item 9): without a token of the
 * customer's Entra tenant a caller learns the status only, records nothing, and cannot starve the
 * customer's installations however many addresses it uses.
 */
import type { TestHost } from '../support/stack';
import { bearer, checker, store, tokenOf } from './licenceClient';
import { hostAndTenant } from './setup';
import { type TestTenant, newTenant } from './support';

describe('a stranger at the licence endpoint on the host', () => {
  let host: TestHost;
  let valid: TestTenant;
  const check = checker(() => host.url, '198.51.101');

  beforeAll(async () => {
    ({ host, tenant: valid } = await hostAndTenant());
  });

  it('when a stranger checks a customer without a token, or with a token of another tenant, then only the status is told and nothing is kept', async () => {
    const tenant = await newTenant();
    const other = await newTenant();
    const site = `https://${tenant.domain}/sites/made-up`;
    for (const init of [{}, { headers: bearer(await tokenOf(other)) }]) {
      const res = await check(site, init);
      expect(res.status).toBe(200);
      expect(Object.keys(res.body).sort()).toEqual(['domain', 'site', 'status', 'token']);
      expect(res.body.status).toBe('valid');
    }
    expect((await store().get(tenant.domain))?.installations).toEqual([]);
  });

  it('when the token is not a valid Entra token for this service, then 401 with a short error', async () => {
    const site = `https://${valid.domain}/sites/helpdesk`;
    const token = await tokenOf(valid);
    for (const sent of [`${token.slice(0, -4)}AAAA`, 'junk', '']) {
      const res = await check(site, { headers: bearer(sent) });
      expect(res.status).toBe(401);
      expect(Object.keys(res.body)).toEqual(['error']);
      expect(res.headers.get('www-authenticate')).toContain('invalid_token');
    }
  });

  it("when 201 requests come from one IPv6 /60, then the customer's installation is still answered", async () => {
    const tenant = await newTenant();
    const site = `https://${tenant.domain}/sites/helpdesk`;
    const flood = await Promise.all(
      Array.from({ length: 201 }, (_, i) =>
        check(site, {}, `2001:db8:60:${(0x10 + (i % 16)).toString(16)}::${i.toString(16)}`),
      ),
    );
    expect(flood.some((a) => a.status === 429)).toBe(true);
    const customer = await check(site, { headers: bearer(await tokenOf(tenant)) });
    expect(customer.status).toBe(200);
    expect(customer.body.plan).toBe('standard');
  });
});
