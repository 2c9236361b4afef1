/**
 * Issue 15, item 9: what a stranger could do to a customer through the anonymous licence endpoint.
 * The deps are the production ones (limits, signer) around an in-memory tenant store.
 */
import { decodeJwt } from 'jose';

import type { Deps } from '../../../lib/deps';
import { buildCheckDeps } from '../../../lib/deps';
import { type CheckDeps, checkLicence } from '../../../lib/licensing/check';
import { clientAddress } from '../../../lib/licensing/client';
import { generateSigningKey } from '../../../lib/licensing/signing';
import type { TenantStore } from '../../../lib/tenants/store';
import { DOMAIN, memoryStore } from './memoryStore';

const NOW = new Date('2026-11-22T09:00:00Z');

async function productionDeps(tenants: TenantStore): Promise<CheckDeps> {
  const keys = JSON.stringify({ keys: [await generateSigningKey('k1')] });
  const deps = {
    config: {
      licenseSigningKeys: keys,
      graph: {
        clientId: '11111111-1111-4111-8111-111111111111',
        clientSecret: 'unused',
        authorityHost: 'https://login.invalid',
        baseUrl: 'https://graph.invalid',
      },
    },
    tenants,
    log: { write: () => undefined },
  } as unknown as Deps;
  return buildCheckDeps(deps, () => NOW);
}

/** One anonymous check as the endpoint makes it from a request. */
function ask(deps: CheckDeps, site: string, forwardedFor: string) {
  return checkLicence({ site, client: clientAddress(forwardedFor) }, deps);
}

describe('a stranger at the licence endpoint', () => {
  beforeEach(() => jest.useFakeTimers({ now: NOW, doNotFake: ['nextTick', 'setImmediate'] }));
  afterEach(() => jest.useRealTimers());

  it("when 201 requests come from one IPv6 /60, then the customer's installation is still answered", async () => {
    const deps = await productionDeps(memoryStore());
    const site = `https://${DOMAIN}/sites/helpdesk`;
    // 2001:db8:aa:10::/60 holds 16 /64s: 2001:db8:aa:10:: to 2001:db8:aa:1f::.
    for (let i = 0; i < 201; i++) {
      await ask(deps, site, `2001:db8:aa:${(0x10 + (i % 16)).toString(16)}::${i.toString(16)}`);
    }
    const customer = await ask(deps, site, '198.51.100.20');
    expect(customer.status).toBe(200);
  });

  it("when a stranger asks for a domain's licence, then plan and expiry are not disclosed", async () => {
    const deps = await productionDeps(memoryStore());
    const answer = await ask(deps, `https://${DOMAIN}/sites/helpdesk`, '203.0.113.9');
    if (answer.status !== 200) throw new Error(`answered ${answer.status}`);
    expect(answer.body.status).toBe('valid');
    expect(answer.body).not.toHaveProperty('plan');
    expect(answer.body).not.toHaveProperty('expiresAt');
    const claims = decodeJwt(answer.body.token);
    expect(claims).not.toHaveProperty('plan');
    expect(claims).not.toHaveProperty('expiresAt');
  });

  it('when a stranger posts made-up installation URLs, then none is recorded', async () => {
    const tenants = memoryStore();
    const deps = await productionDeps(tenants);
    for (let i = 0; i < 200; i++) {
      const answer = await ask(deps, `https://${DOMAIN}/sites/made-up-${i}`, `192.0.2.${i}`);
      expect(answer.status).toBe(200);
    }
    expect(tenants.recorded).toEqual([]);
  });
});
