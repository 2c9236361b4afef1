/**
 * `npm run bench:licence` (with `npm start` running): the licence check as installations see it.
 *  - latency of a check over HTTP on the local stack (p50/p99), anonymous and with an installation's
 *    Entra token (signed in at the simulator), paced below the rate limits so every answer is a
 *    real check, not a fast 429;
 *  - a burst of 500 concurrent anonymous checks: how many are answered, and with what; then 201
 *    checks from one IPv6 /60 and what the customer's installation is answered right after;
 *  - Cosmos reads and writes per 100 checks (licenceCosmos.ts).
 */
import { signInInstallation } from '../graph-sim/signIn';
import { DEMO_TENANT } from '../seed';
import { withLocalSecrets } from '../secrets';
import { loadLocalSettings } from '../settings';
import { cosmosPer100 } from './licenceCosmos';
import { quantile, sleep } from './stats';

const CHECKS = Number(process.env.BENCH_CHECKS ?? 400);
const SITES = ['helpdesk', 'it', 'hr', 'facilities'].map(
  (s) => `https://${DEMO_TENANT.domain}/sites/${s}/SitePages/Home.aspx`,
);

/** Tokens of 10 users of the demo tenant: one user may check 5 times a second (limits.ts). */
async function installationTokens(settings: Record<string, string>): Promise<string[]> {
  return Promise.all(
    Array.from({ length: 10 }, (_, u) =>
      signInInstallation(
        settings.GRAPH_AUTHORITY_HOST ?? '',
        DEMO_TENANT.entraTenantId,
        settings.GRAPH_CLIENT_ID ?? '',
        `bench${u}@contoso.com`,
      ),
    ),
  );
}

async function httpLatency(host: string, tokens: string[] = []): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < CHECKS; i++) {
    const site = SITES[i % SITES.length] ?? '';
    const token = tokens[i % tokens.length];
    const started = performance.now();
    const res = await fetch(`${host}/api/license?site=${encodeURIComponent(site)}`, {
      headers: {
        'x-forwarded-for': `203.0.113.${i % 200}`,
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
    });
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`check answered ${res.status}`);
    times.push(performance.now() - started);
    await sleep(20); // 40 checks a second: 4 per user, under the tenant's 50
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

/** 201 checks from one IPv6 /60 (16 /64s), then the customer's installation: its status. */
async function strangerFlood(host: string, token: string): Promise<Record<string, number>> {
  const site = encodeURIComponent(SITES[0] ?? '');
  const flood = await Promise.all(
    Array.from({ length: 201 }, async (_, i) => {
      const from = `2001:db8:60:${(0x10 + (i % 16)).toString(16)}::${i.toString(16)}`;
      const res = await fetch(`${host}/api/license?site=${site}`, {
        headers: { 'x-forwarded-for': from },
      });
      await res.arrayBuffer();
      return String(res.status);
    }),
  );
  const counts: Record<string, number> = {};
  for (const s of flood) counts[s] = (counts[s] ?? 0) + 1;
  const res = await fetch(`${host}/api/license?site=${site}`, {
    headers: { 'x-forwarded-for': '198.51.100.20', authorization: `Bearer ${token}` },
  });
  await res.arrayBuffer();
  return { ...counts, customer: res.status };
}

const summary = (times: number[]) => ({
  p50Ms: +quantile(times, 0.5).toFixed(1),
  p99Ms: +quantile(times, 0.99).toFixed(1),
  maxMs: +Math.max(...times).toFixed(1),
});

async function main(): Promise<void> {
  const settings = withLocalSecrets(loadLocalSettings());
  const host = `http://localhost:${settings.FUNCTIONS_PORT}`;
  const tokens = await installationTokens(settings);
  await httpLatency(host, tokens).catch((err: unknown) => {
    throw new Error(`warm-up failed: ${String(err)}`);
  });
  const anonymous = summary(await httpLatency(host));
  const proven = summary(await httpLatency(host, tokens));
  console.log(`licence check over HTTP, ${CHECKS} checks at 40/s after a warm-up:`);
  for (const [who, t] of Object.entries({ anonymous, 'with a token': proven }))
    console.log(`  ${who}: p50 ${t.p50Ms} ms, p99 ${t.p99Ms} ms, max ${t.maxMs} ms`);
  await sleep(5000); // let the buckets refill
  const answered = await burst(host);
  console.log(`500 concurrent anonymous checks: ${JSON.stringify(answered)}`);
  const flood = await strangerFlood(host, tokens[0] ?? '');
  console.log(`201 checks from one IPv6 /60, then the customer: ${JSON.stringify(flood)}`);
  const cosmos = await cosmosPer100(tokens);
  console.log(
    `Cosmos per 100 checks with a token (cold instance, new installation): ${cosmos.reads} reads, ${cosmos.writes} writes`,
  );
  console.log(
    JSON.stringify({
      checks: CHECKS,
      anonymous,
      proven,
      burst: answered,
      flood,
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
