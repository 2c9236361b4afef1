/**
 * The short, deterministic version of `npm run fuzz`: a fixed number of cases of a fixed seed
 * (a time-bounded run would test different cases on a slower machine), the hostile shapes first.
 *
 * The hang bound is CPU time of the case's child process, not wall time, so that other work on a
 * busy 2-core machine does not turn a slow case into a hang; CPU time still rises a little there
 * (shared caches, GC threads), so the bound is 3 s, three times the CLI's 1 s. The slowest
 * step measured about 0.4 s: a step over 3 s has gone quadratic, not merely met a busy machine.
 * 1,200 cases take 25 to 45 s of wall time on this 2-core machine, and up to 2 minutes when
 * other test runs share it: hence the long timeout.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { fuzz } from '../../dev/fuzz/run';

const CASES = 1200;
const SEED = 20_261_201;

describe('npm run fuzz, short', () => {
  const crashDir = mkdtempSync(join(tmpdir(), 'fuzz-'));
  afterAll(() => rmSync(crashDir, { recursive: true, force: true }));

  it(`when ${CASES} seeded cases run through the mail path, then none crashes or hangs`, async () => {
    const lines: string[] = [];
    const summary = await fuzz(
      {
        ...{ seed: SEED, cases: CASES, seconds: Infinity, from: 0 },
        ...{ cpuBoundMs: 3000, heapMb: 512, crashDir },
      },
      (line) => lines.push(line),
    );
    expect(lines.filter((l) => !l.startsWith('the shared corpus is missing'))).toEqual([]);
    expect(summary).toMatchObject({ cases: CASES, crashes: 0, hangs: 0 });
  }, 600_000);
});
