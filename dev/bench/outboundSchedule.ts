/**
 * The outbound bench's second latency: replies as an agent sees them, sent by the host's own
 * outbox runs on their schedule (every minute), not by a run asked for. `n` comments are written
 * 60/n s apart over one minute, so they meet every point of the timer's cycle; one watcher notes
 * when each reply shows up while the later comments are still being written.
 */
import type { BenchStack } from './outboundStack';
import { sleep } from './stats';

const TIMEOUT_MS = 120_000;

export async function onSchedule(
  stack: BenchStack,
  o: { requester: string; ticketId: string; run: string; n: number },
): Promise<number[]> {
  const pending = new Map<string, number>();
  const times: number[] = [];
  let writing = true;
  let last = performance.now();
  const watch = (async () => {
    while (writing || pending.size > 0) {
      const texts = await stack.delivered(o.requester);
      for (const [marker, started] of pending) {
        if (!texts.some((text) => text.includes(marker))) continue;
        times.push(performance.now() - started);
        pending.delete(marker);
      }
      if (performance.now() - last > TIMEOUT_MS)
        throw new Error('a reply was not delivered in 120 s');
      await sleep(25);
    }
  })();
  // Awaited at the end; a failure meanwhile must not be an unhandled rejection.
  watch.catch(() => undefined);
  for (let i = 0; i < o.n; i++) {
    last = performance.now();
    const marker = `bench-timer${i}-${o.run}`;
    pending.set(marker, last);
    await stack.comment(o.ticketId, `<p>${marker}</p>`);
    await sleep(60_000 / o.n);
  }
  writing = false;
  await watch;
  return times;
}
