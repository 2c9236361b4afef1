/**
 * `npm run bench` (with `npm start` running): measures on the local stack
 *  - the time from POST /api/inbound to the ticket being written (median and p90 of N mails),
 *  - Graph requests per new ticket, for a new and for a known requester, and per comment (a
 *    reply by In-Reply-To from the ticket's requester).
 * Completion is seen through storage (the staged copy is deleted right after the ticket is
 * written), so the measurement adds no Graph requests of its own.
 */
import { randomUUID } from 'node:crypto';

import { loadConfig } from '../../lib/config';
import { buildDeps } from '../../lib/deps';
import { DEMO_TENANT } from '../seed';
import { withLocalSecrets } from '../secrets';
import { loadLocalSettings } from '../settings';
import { quantile, sleep } from './stats';

const N = Number(process.env.BENCH_MAILS ?? 20);

function mail(from: string, messageId: string, inReplyTo?: string): Buffer {
  return Buffer.from(
    [
      `From: Bench <${from}>`,
      'To: support@contoso.com',
      `Subject: ${inReplyTo ? 'Re: ' : ''}Bench ${randomUUID()}`,
      `Message-ID: ${messageId}`,
      ...(inReplyTo ? [`In-Reply-To: ${inReplyTo}`] : []),
      // List mail gets no acknowledgement: the outbox's requests for acks (measured by
      // bench:outbound) stay out of these counts, now and in the benches after this one.
      'List-Id: <bench.example>',
      'Content-Type: text/plain; charset=utf-8',
      '',
      'A measured mail.',
    ].join('\r\n'),
  );
}

async function main(): Promise<void> {
  const settings = withLocalSecrets(loadLocalSettings());
  const deps = buildDeps(loadConfig(settings));
  const host = `http://localhost:${settings.FUNCTIONS_PORT}`;
  const sim = settings.GRAPH_BASE_URL;
  const stats = async () =>
    ((await (await fetch(`${sim}/_admin/stats`)).json()) as { requests: number }).requests;
  const resetStats = () => fetch(`${sim}/_admin/stats/reset`, { method: 'POST' });
  const waitDrained = async () => {
    while ((await deps.staging.countStaged(DEMO_TENANT.domain)) > 0) await sleep(10);
  };

  const send = async (from: string, inReplyTo?: string): Promise<number> => {
    const messageId = `<${randomUUID()}@bench.example>`;
    sent.set(from, messageId);
    const started = performance.now();
    const res = await fetch(`${host}/api/inbound?recipient=support@contoso.com`, {
      method: 'POST',
      headers: {
        'content-type': 'message/rfc822',
        'x-functions-key': settings.LOCAL_FUNCTION_KEY ?? '',
      },
      body: mail(from, messageId, inReplyTo),
    });
    if (res.status !== 202) throw new Error(`inbound answered ${res.status}`);
    await waitDrained();
    return performance.now() - started;
  };

  /** The last Message-ID sent by each sender, for the replies. */
  const sent = new Map<string, string>();
  await waitDrained();
  // Opens the site once (its ids are cached afterwards) and makes the known requesters contacts.
  // Known mails rotate over them and stay under the per-sender burst limit (20 in 15 minutes).
  const run = randomUUID().slice(0, 8);
  const knownSenders = Array.from({ length: 5 }, (_, i) => `known-${i}-${run}@bench.example`);
  for (const sender of knownSenders) await send(sender);
  const perMail = async (fromOf: (i: number) => string, reply = false) => {
    await resetStats();
    const times: number[] = [];
    for (let i = 0; i < N; i++) {
      const from = fromOf(i);
      times.push(await send(from, reply ? sent.get(from) : undefined));
    }
    return { times, graph: (await stats()) / N };
  };
  const knownOf = (i: number) => knownSenders[i % knownSenders.length] ?? '';
  const fresh = await perMail(() => `r-${randomUUID()}@bench.example`);
  const known = await perMail(knownOf);
  const all = [...fresh.times, ...known.times];
  // Each reply answers its sender's last mail; not part of the ticket latency above.
  const comments = await perMail(knownOf, true);
  console.log(`POST to ticket written, ${all.length} mails one after another:`);
  console.log(
    `  median ${quantile(all, 0.5).toFixed(0)} ms, p90 ${quantile(all, 0.9).toFixed(0)} ms, min ${Math.min(...all).toFixed(0)} ms, max ${Math.max(...all).toFixed(0)} ms`,
  );
  console.log(
    `Graph requests per new ticket: ${fresh.graph.toFixed(2)} (new requester), ${known.graph.toFixed(2)} (known requester); per comment: ${comments.graph.toFixed(2)}`,
  );
  console.log(
    JSON.stringify({
      mails: all.length,
      medianMs: Math.round(quantile(all, 0.5)),
      p90Ms: Math.round(quantile(all, 0.9)),
      graphPerTicketNewRequester: fresh.graph,
      graphPerTicketKnownRequester: known.graph,
      graphPerComment: comments.graph,
    }),
  );
  await deps.log.close();
}

main().catch((err: unknown) => {
  console.error(
    `bench: ${err instanceof Error ? err.message : String(err)} (is npm start running?)`,
  );
  process.exit(1);
});
