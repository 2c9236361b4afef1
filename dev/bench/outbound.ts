/**
 * `npm run bench:outbound` (part of `npm run bench`; with `npm start` running): agents' replies
 * through the demo tenant's support mailbox, measured on the local stack.
 *  - Comment → mail delivered, the run asked for at once: from the Graph write of an agent's
 *    comment, with the outbox timer run right after it (the host's admin API), to the reply in
 *    the simulator's list of mail delivered outside; p50 and p99 of N replies one after another.
 *    This is the service's own time; on its schedule the timer adds 0 to 60 s (every minute).
 *  - Comment → mail delivered on the timer's schedule: N comments written 60/N s apart over one
 *    minute, each waiting for the host's own next run, as an agent sees it.
 *  - Graph requests per sent reply: the simulator's count over one run that sends one reply, less
 *    one run with nothing to send (the polling every tenant costs every minute, reported apart).
 * Runs are started away from the minute's first seconds, so the host's own run does not mix in.
 */
import { randomUUID } from 'node:crypto';

import { onSchedule } from './outboundSchedule';
import { type BenchStack, benchStack } from './outboundStack';
import { quantile, sleep } from './stats';

const N = Number(process.env.BENCH_OUTBOUND_REPLIES ?? 20);
const TIMEOUT_MS = 120_000;

/** Waits until the UTC second is past the host's own run at second 0 and far from the next. */
async function awayFromTheMinute(): Promise<void> {
  while (new Date().getUTCSeconds() < 3 || new Date().getUTCSeconds() > 40) await sleep(250);
}

/** Waits for the mail whose text holds `marker`; the time since `started`. */
async function waitDelivered(stack: BenchStack, to: string, marker: string, started: number) {
  while (!(await stack.delivered(to)).some((text) => text.includes(marker))) {
    if (performance.now() - started > TIMEOUT_MS)
      throw new Error('a reply was not delivered in 120 s');
    await sleep(25);
  }
  return performance.now() - started;
}

/**
 * Runs the outbox until a run of the demo tenant sends nothing: mail left `To send` by earlier
 * use of the demo (an ack per ticket) must not be counted as this bench's replies.
 */
async function drain(stack: BenchStack): Promise<void> {
  for (let i = 0; i < 20; i++) {
    const since = new Date();
    await stack.runOutbox();
    const run = await stack.runEnded(since);
    if (!Number(run.sent) && !Number(run.notSent) && !Number(run.failed)) return;
  }
  throw new Error('the outbox still had mail to send after 20 runs');
}

/** One run of the outbox as the host does it; its Graph requests, by route. */
async function measuredRun(stack: BenchStack, before?: () => Promise<void>) {
  await awayFromTheMinute();
  await before?.();
  const start = await stack.requests();
  const since = new Date();
  await stack.runOutbox();
  const run = await stack.runEnded(since);
  const end = await stack.requests();
  const routes = Object.entries(end.byMethodAndRoute)
    .map(([route, n]) => [route, n - (start.byMethodAndRoute[route] ?? 0)] as const)
    .filter(([, n]) => n > 0);
  return { total: end.requests - start.requests, routes, run };
}

const stat = (times: number[]) =>
  `p50 ${quantile(times, 0.5).toFixed(0)} ms, p99 ${quantile(times, 0.99).toFixed(0)} ms, max ${Math.max(...times).toFixed(0)} ms`;

async function main(): Promise<void> {
  const stack = await benchStack();
  const run = randomUUID().slice(0, 8);
  const requester = `r-${run}@bench.example`;
  const messageId = `<${randomUUID()}@bench.example>`;
  const raw = [
    `From: Bench <${requester}>`,
    'To: support@contoso.com',
    `Subject: Outbound bench ${run}`,
    `Message-ID: ${messageId}`,
    'Content-Type: text/plain; charset=utf-8',
    '',
    'A ticket for the measured replies.',
  ].join('\r\n');
  await stack.postMail(Buffer.from(raw));
  let found: string | undefined;
  while (!(found = await stack.ticketOf(messageId))) await sleep(100);
  const ticketId = found;
  /** Writes a reply whose text carries a marker of its own; the marker. */
  const reply = async (label: string): Promise<string> => {
    const marker = `bench-${label}-${run}`;
    await stack.comment(ticketId, `<p>${marker}</p>`);
    return marker;
  };
  // The ticket's ack and a first reply go out unmeasured: they load the code and open the site.
  const warm = await reply('warm');
  await stack.runOutbox();
  await waitDelivered(stack, requester, warm, performance.now());
  await drain(stack);

  // Requests: one run with one reply, less an idle run of the same kind (with or without sweep).
  let counted = '';
  const one = await measuredRun(stack, async () => void (counted = await reply('counted')));
  await waitDelivered(stack, requester, counted, performance.now());
  let idle = await measuredRun(stack);
  while (idle.run.sweep !== one.run.sweep) idle = await measuredRun(stack);
  const perReply = one.total - idle.total;

  const atOnce: number[] = [];
  for (let i = 0; i < N; i++) {
    await awayFromTheMinute();
    const started = performance.now();
    const marker = await reply(`now${i}`);
    await stack.runOutbox();
    atOnce.push(await waitDelivered(stack, requester, marker, started));
  }

  const scheduled = await onSchedule(stack, { requester, ticketId, run, n: N });

  console.log(
    `Agent's comment to reply delivered, ${N} replies, the outbox run asked for at once:`,
  );
  console.log(`  ${stat(atOnce)}`);
  console.log(`The same on the timer's schedule (every minute), ${N} comments over one minute:`);
  console.log(`  ${stat(scheduled)}`);
  console.log(
    `Graph requests per sent reply: ${perReply} (a run sending one: ${one.total}; ` +
      `an idle run: ${idle.total}, ${idle.run.sweep ? 'with' : 'without'} the Sending sweep)`,
  );
  for (const [route, n] of one.routes) console.log(`  ${route}: ${n}`);
  console.log(
    JSON.stringify({
      replies: N,
      atOnceP50Ms: Math.round(quantile(atOnce, 0.5)),
      atOnceP99Ms: Math.round(quantile(atOnce, 0.99)),
      scheduledP50Ms: Math.round(quantile(scheduled, 0.5)),
      scheduledP99Ms: Math.round(quantile(scheduled, 0.99)),
      graphPerReply: perReply,
      graphIdleRun: idle.total,
    }),
  );
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(
      `bench:outbound: ${err instanceof Error ? err.message : String(err)} (is npm start running?)`,
    );
    process.exit(1);
  },
);
