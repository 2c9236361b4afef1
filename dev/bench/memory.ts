/**
 * `npm run bench:memory`: what one mail with files costs the functions host, on a stack of its
 * own (in memory, ports 24071... plus BENCH_PORT_OFFSET, so it runs beside `npm start` and tests):
 *  - Graph requests per new ticket with one attachment (the simulator's counters; each `$batch`
 *    request counts once for the envelope and once per request inside, as SharePoint charges them),
 *  - the rise of the host process's peak RSS while it processes a 40 MB mail carrying a 30 MB
 *    attachment: staged directly (processing alone), then posted to /api/inbound (door and
 *    processing). Done-when of the attachments work: below 100 MB.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { join } from 'node:path';

import { loadConfig } from '../../lib/config';
import { buildDeps } from '../../lib/deps';
import { DEMO_TENANT } from '../seed';
import { withLocalSecrets } from '../secrets';
import {
  BENCH_MEMORY_PORT_BASE,
  REPO_ROOT,
  portBlock,
  readSettingsFile,
  relocatePorts,
} from '../settings';
import { startStack } from '../stack';
import { watchPeak } from './rss';
import { sleep } from './stats';

const OFFSET = Number(process.env.BENCH_PORT_OFFSET ?? 0);
const PORTS = portBlock(BENCH_MEMORY_PORT_BASE + OFFSET);
const SUPPORT = DEMO_TENANT.supportAddresses[0] ?? '';
const ATTACHMENT_BYTES = 30_000_000;

function mailWith(attachment: Buffer | undefined, from = 'bench@example.com'): Buffer {
  const head = [
    `From: Bench <${from}>`,
    `To: ${SUPPORT}`,
    `Subject: Bench ${randomUUID()}`,
    `Message-ID: <${randomUUID()}@bench.example>`,
    'MIME-Version: 1.0',
    'Content-Type: multipart/mixed; boundary="b"',
    '',
    '--b',
    'Content-Type: text/plain; charset=utf-8',
    '',
    'A measured mail.',
  ];
  const file = attachment
    ? [
        '--b',
        'Content-Type: application/octet-stream; name="data.bin"',
        'Content-Disposition: attachment; filename="data.bin"',
        'Content-Transfer-Encoding: base64',
        '',
        attachment.toString('base64').replace(/.{76}(?=.)/g, '$&\r\n'),
      ]
    : [];
  return Buffer.from([...head, ...file, '--b--', ''].join('\r\n'));
}

const mib = (n: number): string => `${n.toFixed(1)} MiB`;

async function main(): Promise<void> {
  const example = readSettingsFile(join(REPO_ROOT, 'local.settings.example.json'));
  const settings = relocatePorts(withLocalSecrets(example), PORTS);
  // The door takes mails up to 35 MB by default; the measured mail is 41 MB.
  settings.MAIL_MAX_BYTES = String(48 * 1024 * 1024);
  const stack = await startStack({ settings, mode: 'test', quiet: true });
  try {
    await stack.seed();
    const host = await stack.startHost();
    const deps = buildDeps(loadConfig(settings));
    const hostUrl = `http://localhost:${settings.FUNCTIONS_PORT}`;
    const sim = `https://localhost:${settings.GRAPH_SIM_PORT}/_admin`;
    const drained = async (): Promise<void> => {
      while ((await deps.staging.countStaged(DEMO_TENANT.domain)) > 0) {
        await sleep(20);
      }
    };
    const post = async (raw: Buffer): Promise<void> => {
      const res = await fetch(`${hostUrl}/api/inbound?recipient=${SUPPORT}`, {
        method: 'POST',
        headers: {
          'content-type': 'message/rfc822',
          'x-functions-key': settings.LOCAL_FUNCTION_KEY ?? '',
        },
        body: raw,
      });
      if (res.status !== 202) throw new Error(`inbound answered ${res.status}`);
      await drained();
    };
    const graphCost = async (raw: Buffer) => {
      await fetch(`${sim}/stats/reset`, { method: 'POST' });
      await post(raw);
      return (await (await fetch(`${sim}/stats`)).json()) as {
        requests: number;
        byMethodAndRoute: Record<string, number>;
      };
    };

    // Warm-up: modules loaded, site and library ids cached, the known requester created.
    await post(mailWith(randomBytes(1000)));
    const fresh = await graphCost(mailWith(randomBytes(1000), `r-${randomUUID()}@example.com`));
    const known = await graphCost(mailWith(randomBytes(1000)));
    console.log(`Graph requests, new ticket with one attachment:`);
    console.log(`  new requester ${fresh.requests}, known requester ${known.requests}`);
    for (const [route, n] of Object.entries(fresh.byMethodAndRoute))
      console.log(`    ${n} ${route}`);

    const big = mailWith(randomBytes(ATTACHMENT_BYTES));
    console.log(
      `Mail of ${mib(big.length / 2 ** 20)} with a ${mib(ATTACHMENT_BYTES / 2 ** 20)} attachment`,
    );
    const measure = async (label: string, work: () => Promise<void>): Promise<number> => {
      await sleep(1000); // let the host settle after the last mail
      const watch = watchPeak(host.pid);
      await work();
      const { sampled, hwm } = watch.stop();
      const rise = (hwm ?? sampled) - watch.base;
      const source =
        hwm === undefined ? 'sampled RSS' : `VmHWM; sampled ${mib(sampled - watch.base)}`;
      console.log(`  ${label}: peak RSS +${mib(rise)} over ${mib(watch.base)} (${source})`);
      return rise;
    };
    const processing = await measure('processing (staged directly)', async () => {
      await deps.staging.stage(DEMO_TENANT.domain, SUPPORT, big);
      await drained();
    });
    // Another Message-ID: the same mail again would be a duplicate and end at dedupe.
    const again = mailWith(randomBytes(ATTACHMENT_BYTES));
    const whole = await measure('door and processing (POST /api/inbound)', () => post(again));
    console.log(
      JSON.stringify({
        graphRequestsNewRequester: fresh.requests,
        graphRequestsKnownRequester: known.requests,
        mailBytes: big.length,
        peakRssRiseMiB: {
          processing: +processing.toFixed(1),
          doorAndProcessing: +whole.toFixed(1),
        },
      }),
    );
    await deps.log.close();
  } finally {
    await stack.stop();
  }
}

main().catch((err: unknown) => {
  console.error(`bench: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
