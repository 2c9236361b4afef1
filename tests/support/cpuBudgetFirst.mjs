/**
 * Runs the suites that measure CPU time against a budget (those using tests/support/cpuBudget)
 * before all others. `npm test` runs every suite in one process, and process CPU time includes
 * the garbage collector working through what earlier suites left on the heap: placed late in a
 * full run, a 3 MB reply cut measured near 600 ms for its 500 ms budget (under 350 ms in a
 * fresh process), and the 21 MB header refusal 1,047 ms for its 1 s (406 ms fresh). First, they
 * measure the code under test; the rest keep Jest's own order.
 */
import { readFileSync } from 'node:fs';

import Sequencer from '@jest/test-sequencer';

const MEASURES_CPU = /from '(\.\.\/)+support\/cpuBudget'/;

export default class CpuBudgetFirst extends Sequencer {
  sort(tests) {
    const sorted = super.sort(tests);
    const first = sorted.filter((test) => MEASURES_CPU.test(readFileSync(test.path, 'utf8')));
    return [...first, ...sorted.filter((test) => !first.includes(test))];
  }
}
