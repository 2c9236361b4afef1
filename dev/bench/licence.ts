/**
 * `npm run bench:licence` (with `npm start` running): the licence check as installations see it.
 *  - latency of a check over HTTP on the local stack (p50/p99), paced below the rate limits so
 *    every answer is a real check, not a fast 429;
 *  - a burst of 500 concurrent checks: how many are answered, and with what;
 *  - Cosmos reads and writes per 100 checks, counted in-process through the real store against
 *    the stack's Cosmos server (which charges 1 RU for any request: see the note for real RUs).
 */
import type { Container } from '@azure/cosmos';

import { loadConfig } from '../../lib/config';
import { buildCheckDeps, buildDeps } from '../../lib/deps';
import { checkLicence } from '../../lib/licensing/check';
import { CosmosTenantStore } from '../../lib/licensing/tenants';
import { CosmosContainers } from '../../lib/storage/cosmos';
import { DEMO_TENANT } from '../seed';
import { withLocalSecrets } from '../secrets';
import { loadLocalSettings } from '../settings';
import { quantile, sleep } from './stats';

const CHECKS = Number(process.env.BENCH_CHECKS ?? 400);
const SITES = ['helpdesk', 'it', 'hr', 'facilities'].map(
  (s) => `https://${DEMO_TENANT.domain}/sites/${s}/SitePages/Home.aspx`,
);

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

async function httpLatency(host: string): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < CHECKS; i++) {
    const site = SITES[i % SITES.length] ?? '';
    const started = performance.now();
    const res = await fetch(`${host}/api/license?site=${encodeURIComponent(site)}`, {
      headers: { 'x-forwarded-for': `203.0.113.${i % 200}` },
    });
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`check answered ${res.status}`);
    times.push(performance.now() - started);
    await sleep(20); // 40 checks a second for the domain: under its limit of 50
  }
  return times;
}

async function burst(host: string): Promise<Record<string, number>> {
  const statuses = await Promise.all(
    Array.from({ length: 500 }, async (_, i) => {
      const site = encodeURIComponent(SITES[i % SITES.length] ?? '');
      const res = await fetch(`${host}/api/license?site=${site}`, {
        headers: { 'x-forwarded-for': `192.0.2.${i % 100}` },
      }).catch(() => undefined);
      await res?.arrayBuffer();
      return res ? String(res.status) : 'no answer';
    }),
  );
  const counts: Record<string, number> = {};
  for (const s of statuses) counts[s] = (counts[s] ?? 0) + 1;
  return counts;
}

async function cosmosPer100(): Promise<{ reads: number; writes: number }> {
  const config = loadConfig(withLocalSecrets(loadLocalSettings()));
  const deps = buildDeps(config);
  const counts = { reads: 0, writes: 0 };
  const containers = CosmosContainers.connect(
    config.cosmos.endpoint,
    config.cosmos.key,
    config.cosmos.database,
  );
  // A cold instance: its first check reads the tenant and records the (new) installation.
  const check = {
    ...(await buildCheckDeps(deps)),
    tenants: new CosmosTenantStore(counting(containers, counts)),
  };
  const fresh = `https://${DEMO_TENANT.domain}/sites/bench-${Date.now().toString(36)}`;
  for (let i = 0; i < 100; i++) {
    const result = await checkLicence(fresh, `client-${i % 10}`, check);
    if (result.status !== 200) throw new Error(`check answered ${result.status}`);
  }
  await deps.log.close();
  return counts;
}

async function main(): Promise<void> {
  const settings = withLocalSecrets(loadLocalSettings());
  const host = `http://localhost:${settings.FUNCTIONS_PORT}`;
  await httpLatency(host).catch((err: unknown) => {
    throw new Error(`warm-up failed: ${String(err)}`);
  });
  const times = await httpLatency(host);
  const p50 = quantile(times, 0.5);
  const p99 = quantile(times, 0.99);
  console.log(`licence check over HTTP, ${times.length} checks at 40/s after a warm-up:`);
  console.log(
    `  p50 ${p50.toFixed(1)} ms, p99 ${p99.toFixed(1)} ms, max ${Math.max(...times).toFixed(1)} ms`,
  );
  await sleep(5000); // let the buckets refill
  const answered = await burst(host);
  console.log(`500 concurrent checks: ${JSON.stringify(answered)}`);
  const cosmos = await cosmosPer100();
  console.log(
    `Cosmos per 100 checks (cold instance, new installation): ${cosmos.reads} reads, ${cosmos.writes} writes`,
  );
  console.log(
    JSON.stringify({
      checks: times.length,
      p50Ms: +p50.toFixed(1),
      p99Ms: +p99.toFixed(1),
      burst: answered,
      cosmosPer100: cosmos,
    }),
  );
}

main().catch((err: unknown) => {
  console.error(
    `bench: ${err instanceof Error ? err.message : String(err)} (is npm start running?)`,
  );
  process.exit(1);
});
