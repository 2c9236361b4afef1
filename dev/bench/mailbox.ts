/**
 * `npm run bench:mailbox` (the second part of `npm run bench`; with `npm start` running): mail
 * through the demo tenant's simulated Exchange mailbox, measured on the local stack:
 *  - delivery → ticket: from the simulator's deliver call to the message standing in
 *    `Helpdesk/Processed` (moved there right after its ticket is written), p50 and p99 of N mails
 *    delivered one after another, after one warm-up mail;
 *  - Graph requests per mail, split into Exchange (routes under /users and /subscriptions) and
 *    SharePoint (the rest), from the simulator's request counts.
 * Completion is read through the simulator's admin API, which is not Graph and counts nothing.
 */
import { randomUUID } from 'node:crypto';

import { DEMO_MAILBOX } from '../seed';
import { loadLocalSettings } from '../settings';
import { quantile, sleep } from './stats';

const N = Number(process.env.BENCH_MAILBOX_MAILS ?? 50);
/** A mail not taken in this time is reported as a failure, not waited for forever. */
const TIMEOUT_MS = 30_000;

interface SimMessage {
  id: string;
  folder: string;
}

/** The simulator counts by `METHOD /template`; Exchange is what lies under /users and /subscriptions. */
const isExchange = (route: string): boolean => / \/(users|subscriptions)\b/.test(route);

function mail(from: string): Buffer {
  return Buffer.from(
    [
      `From: Bench <${from}>`,
      `To: ${DEMO_MAILBOX}`,
      `Subject: Mailbox bench ${randomUUID()}`,
      `Message-ID: <${randomUUID()}@bench.example>`,
      // No acknowledgement for list mail: the outbox timer's acks would mix into the counts.
      'List-Id: <bench.example>',
      'Content-Type: text/plain; charset=utf-8',
      '',
      'A measured mail, through the mailbox.',
    ].join('\r\n'),
  );
}

async function main(): Promise<void> {
  const sim = loadLocalSettings().GRAPH_BASE_URL ?? '';
  const box = `${sim}/_admin/mailboxes/${encodeURIComponent(DEMO_MAILBOX)}`;
  const call = async <T>(method: string, url: string, body?: Buffer): Promise<T> => {
    const headers = body ? { 'content-type': 'message/rfc822' } : undefined;
    const res = await fetch(url, { method, headers, body });
    if (!res.ok) throw new Error(`${method} ${url.slice(sim.length)} answered ${res.status}`);
    return (res.status === 204 ? undefined : await res.json()) as T;
  };
  const folderOf = async (id: string): Promise<string | undefined> => {
    const { value } = await call<{ value: SimMessage[] }>('GET', `${box}/messages`);
    return value.find((m) => m.id === id)?.folder;
  };

  const deliver = async (): Promise<number> => {
    // A sender of its own per mail: the burst limit (20 per sender in 15 minutes) stays out of it.
    const started = performance.now();
    const { id } = await call<{ id: string }>(
      'POST',
      `${box}/deliver`,
      mail(`b-${randomUUID()}@bench.example`),
    );
    for (;;) {
      const folder = await folderOf(id);
      if (folder === 'Helpdesk/Processed') return performance.now() - started;
      if (folder === 'Helpdesk/Not a ticket')
        throw new Error('a bench mail was not taken as a ticket');
      if (performance.now() - started > TIMEOUT_MS)
        throw new Error('a bench mail was not taken in 30 s');
      await sleep(10);
    }
  };

  // One mail first, not counted: it loads the functions' code and opens the site (its ids are
  // cached afterwards), which a running service has done long before.
  await deliver();
  await call('POST', `${sim}/_admin/stats/reset`);
  const times: number[] = [];
  for (let i = 0; i < N; i++) times.push(await deliver());
  const { byMethodAndRoute } = await call<{ byMethodAndRoute: Record<string, number> }>(
    'GET',
    `${sim}/_admin/stats`,
  );
  const routes = Object.entries(byMethodAndRoute);
  const exchangeRoutes = routes.filter(([route]) => isExchange(route));
  const exchange = exchangeRoutes.reduce((sum, [, count]) => sum + count, 0);
  const sharepoint = routes.reduce((sum, [, count]) => sum + count, 0) - exchange;
  const p50 = quantile(times, 0.5);
  const p99 = quantile(times, 0.99);
  console.log(
    `Mailbox delivery to ticket (message in Helpdesk/Processed), ${N} mails one after another:`,
  );
  console.log(
    `  p50 ${p50.toFixed(0)} ms, p99 ${p99.toFixed(0)} ms, max ${Math.max(...times).toFixed(0)} ms`,
  );
  console.log(
    `Graph requests per mail: ${(exchange / N).toFixed(2)} Exchange, ${(sharepoint / N).toFixed(2)} SharePoint`,
  );
  for (const [route, count] of exchangeRoutes) console.log(`  ${route}: ${count}`);
  console.log(
    JSON.stringify({
      mailboxMails: N,
      p50Ms: Math.round(p50),
      p99Ms: Math.round(p99),
      exchangePerMail: exchange / N,
      sharepointPerMail: sharepoint / N,
    }),
  );
}

main().catch((err: unknown) => {
  console.error(
    `bench:mailbox: ${err instanceof Error ? err.message : String(err)} (is npm start running?)`,
  );
  process.exit(1);
});
