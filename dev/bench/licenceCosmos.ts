/**
 * Cosmos reads and writes per 100 licence checks of one new installation with a token, counted
 * in-process through the real store against the stack's Cosmos server (part of bench:licence).
 */
import type { Container } from '@azure/cosmos';

import { loadConfig } from '../../lib/config';
import { buildCheckDeps, buildDeps, connectCosmos } from '../../lib/deps';
import { checkLicence } from '../../lib/licensing/check';
import { clientAddress } from '../../lib/licensing/client';
import type { CosmosContainers } from '../../lib/storage/cosmos';
import { CosmosTenantStore } from '../../lib/tenants/cosmosStore';
import { DEMO_TENANT } from '../seed';
import { withLocalSecrets } from '../secrets';
import { loadLocalSettings } from '../settings';

/** The store's containers, with point reads and replaces counted. */
function counting(containers: CosmosContainers, counts: { reads: number; writes: number }) {
  const wrap = (container: Container): Container =>
    new Proxy(container, {
      get(target, prop, receiver) {
        if (prop !== 'item') return Reflect.get(target, prop, receiver) as unknown;
        return (id: string, pk: string) => {
          const item = target.item(id, pk);
          return new Proxy(item, {
            get(i, p, r) {
              const value = Reflect.get(i, p, r) as unknown;
              if (typeof value !== 'function') return value;
              if (p === 'read') counts.reads++;
              if (p === 'replace') counts.writes++;
              return (value as (...a: unknown[]) => unknown).bind(i);
            },
          });
        };
      },
    });
  return new Proxy(containers, {
    get(target, prop, receiver) {
      if (prop !== 'get') return Reflect.get(target, prop, receiver) as unknown;
      return async (name: Parameters<CosmosContainers['get']>[0]) => wrap(await target.get(name));
    },
  });
}

export async function cosmosPer100(tokens: string[]): Promise<{ reads: number; writes: number }> {
  const config = loadConfig(withLocalSecrets(loadLocalSettings()));
  const deps = buildDeps(config);
  const counts = { reads: 0, writes: 0 };
  const containers = connectCosmos(config);
  // A cold instance: its first check reads the tenant and records the (new) installation.
  const check = {
    ...(await buildCheckDeps(deps)),
    tenants: new CosmosTenantStore(counting(containers, counts)),
  };
  const fresh = `https://${DEMO_TENANT.domain}/sites/bench-${Date.now().toString(36)}`;
  for (let i = 0; i < 100; i++) {
    const result = await checkLicence(
      { site: fresh, client: clientAddress(`198.51.100.${i % 10}`), bearer: tokens[i % 10] },
      check,
    );
    if (result.status !== 200) throw new Error(`check answered ${result.status}`);
  }
  await deps.log.close();
  return counts;
}
