/**
 * Runs the suites that measure CPU time against a budget (those using tests/support/cpuBudget)
 * before all others. `npm test` runs every suite in one process, and process CPU time includes
 * the garbage collector working through what earlier suites left on the heap: placed late in a
 * full run, a 3 MB reply cut measured near 600 ms for its 500 ms budget (under 350 ms in a
 * fresh process), and the 21 MB header refusal 1,047 ms for its 1 s (406 ms fresh). First, they
 * measure the code under test; the rest keep Jest's own order.
 *
 * Every suite shares the one test stack, so none may depend on what another left behind (held
 * mail in a queue, items in a list). `TEST_ORDER_SEED=<integer> npm test` runs the rest in an
 * order shuffled by that seed, to find such a dependency and to replay the order that showed it.
 */
import { readFileSync } from 'node:fs';
import { env, stdout } from 'node:process';

import Sequencer from '@jest/test-sequencer';
import { uniformInt } from 'pure-rand/distribution/uniformInt';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';

const MEASURES_CPU = /from '(\.\.\/)+support\/cpuBudget'/;

/** Fisher–Yates by `seed`; paths sorted first, so the order depends on the seed alone. */
function shuffled(tests, seed) {
  const rng = xoroshiro128plus(seed);
  const out = [...tests].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  for (let i = out.length - 1; i > 0; i--) {
    const j = uniformInt(rng, 0, i);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

function orderSeed() {
  const raw = env.TEST_ORDER_SEED?.trim();
  if (!raw) return undefined;
  if (!/^\d{1,9}$/.test(raw)) throw new Error(`TEST_ORDER_SEED must be an integer, got ${raw}`);
  return Number(raw);
}

export default class CpuBudgetFirst extends Sequencer {
  sort(tests) {
    const seed = orderSeed();
    const sorted = seed === undefined ? super.sort(tests) : shuffled(tests, seed);
    if (seed !== undefined) stdout.write(`test order shuffled by TEST_ORDER_SEED=${seed}\n`);
    const first = sorted.filter((test) => MEASURES_CPU.test(readFileSync(test.path, 'utf8')));
    return [...first, ...sorted.filter((test) => !first.includes(test))];
  }
}
