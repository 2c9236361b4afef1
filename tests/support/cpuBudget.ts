/**
 * Budget tests measure this process's CPU time, not the wall clock, so other work on the machine
 * does not count against the code under test. CPU time still carries noise a test must not fail
 * on: a garbage collection of an earlier case's leftovers, caches shared with a busy neighbour
 * (a 0.5 s budget measured 0.8 s once on a loaded 2-core machine, 0.04 s on its own). So a case
 * gets up to five tries and its best counts; noise only ever adds time, and code that is really
 * too slow (the regressions these tests pin took 10 to 60 s) fails every try. Three tries were
 * not enough once: a 3 MB hostile reply cut took 505 ms at best on a machine running a test
 * suite, a stack and a benchmark at once, and 120 to 220 ms once warm on its own. Suites that
 * use this run before all others in `npm test` (cpuBudgetFirst.mjs), so that the heap earlier
 * suites leave behind is not collected on their time.
 */
const TRIES = 5;

async function cpuMs<T>(work: () => T | Promise<T>): Promise<{ ms: number; result: T | Error }> {
  const start = process.cpuUsage();
  let result: T | Error;
  try {
    result = await work();
  } catch (err) {
    result = err instanceof Error ? err : new Error(String(err));
  }
  const used = process.cpuUsage(start);
  return { ms: (used.user + used.system) / 1000, result };
}

/** The least CPU time (ms) of up to five runs of `work`, stopping at the first within `budgetMs`. */
export async function bestCpuMs<T>(
  budgetMs: number,
  work: () => T | Promise<T>,
): Promise<{ cpuMs: number; result: T | Error }> {
  let best = await cpuMs(work);
  for (let i = 1; i < TRIES && best.ms >= budgetMs; i++) {
    const next = await cpuMs(work);
    if (next.ms < best.ms) best = next;
  }
  return { cpuMs: best.ms, result: best.result };
}
