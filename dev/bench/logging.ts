/**
 * `npm run bench:logging` (with `npm start` running): what logging costs per mail.
 *  - bytes: mails posted to the host one after another; the growth of the demo tenant's
 *    encrypted hourly log blob (plus the service log's), divided by the number of mails;
 *  - time: the events those mails really produced, written N times through the real sink
 *    against the stack's Azurite: the cost on the mail's path (write: serialise and buffer) and
 *    the batched flush off it (encrypt, append), each per mail.
 */
import { randomUUID } from 'node:crypto';

import { loadConfig } from '../../lib/config';
import { buildDeps, buildLogSink } from '../../lib/deps';
import { blobService } from '../../lib/storage/clients';
import { SERVICE_TENANT, logBlobName, readLogs } from '../../lib/storage/logs';
import { DEMO_TENANT } from '../seed';
import { withLocalSecrets } from '../secrets';
import { loadLocalSettings } from '../settings';
import { sleep } from './stats';

const MAILS = Number(process.env.BENCH_MAILS ?? 30);
const REPEAT = 2000;

async function main(): Promise<void> {
  const settings = withLocalSecrets(loadLocalSettings());
  const deps = buildDeps(loadConfig(settings));
  const { logs } = deps.blobs;
  const domain = DEMO_TENANT.domain;
  const size = async (): Promise<number> => {
    let total = 0;
    for (const owner of [domain, SERVICE_TENANT]) {
      const blob = logs.getBlobClient(logBlobName(owner, new Date()));
      if (await blob.exists()) total += (await blob.getProperties()).contentLength ?? 0;
    }
    return total;
  };

  const before = await size();
  const ids: string[] = [];
  const started = new Date();
  for (let i = 0; i < MAILS; i++) {
    const res = await fetch(
      `http://localhost:${settings.FUNCTIONS_PORT}/api/inbound?recipient=support@contoso.com`,
      {
        method: 'POST',
        headers: {
          'content-type': 'message/rfc822',
          'x-functions-key': settings.LOCAL_FUNCTION_KEY ?? '',
        },
        body: `From: Bench <b-${randomUUID()}@bench.example>\r\nTo: support@contoso.com\r\nSubject: Bench\r\n\r\nA measured mail.\r\n`,
      },
    );
    ids.push(((await res.json()) as { id: string }).id);
    while ((await deps.staging.countStaged(domain)) > 0) await sleep(10);
  }
  await sleep(3000); // the host's sink flushes every second
  const bytesPerMail = ((await size()) - before) / MAILS;

  const key = await deps.keys.keyFor(domain);
  const { events } = await readLogs(logs, key, domain, { since: started });
  // The events one real mail produced, replayed through a sink of the bench's own.
  const mine = events.filter((e) => e.mailId === ids[0]);
  const target = blobService(deps.config.storage).getContainerClient(`logs-bench-${Date.now()}`);
  const sink = buildLogSink(deps.config, deps.keys, target);
  let onPath = 0;
  for (let i = 0; i < REPEAT; i++) {
    const t = performance.now();
    for (const e of mine) sink.write({ ...e, event: String(e.event) });
    onPath += performance.now() - t;
  }
  const t = performance.now();
  await sink.close();
  const flush = performance.now() - t;
  await target.deleteIfExists();
  await deps.log.close();

  console.log(`logging per mail, ${MAILS} mails through the host (${mine.length} events each):`);
  console.log(`  ${bytesPerMail.toFixed(0)} bytes appended to the encrypted logs`);
  console.log(
    `  ${((onPath / REPEAT) * 1000).toFixed(1)} µs on the mail's path (write), ${(flush / REPEAT).toFixed(3)} ms in the batched flush (encrypt + append), over ${REPEAT} mails`,
  );
  console.log(
    JSON.stringify({
      mails: MAILS,
      eventsPerMail: mine.length,
      bytesPerMail: Math.round(bytesPerMail),
      writeMicrosPerMail: +((onPath / REPEAT) * 1000).toFixed(1),
      flushMsPerMail: +(flush / REPEAT).toFixed(3),
    }),
  );
}

main().catch((err: unknown) => {
  console.error(
    `bench: ${err instanceof Error ? err.message : String(err)} (is npm start running?)`,
  );
  process.exit(1);
});
