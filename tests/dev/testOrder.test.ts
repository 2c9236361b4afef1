/**
 * The suite order of `npm test` (tests/support/cpuBudgetFirst.mjs): CPU-budget suites first, and
 * with TEST_ORDER_SEED the rest in an order that the seed alone decides, so an order that showed
 * one suite depending on another's leftovers can be replayed. The sequencer is an ES module that
 * jest loads itself; here it runs in a node of its own, on the repository's real test files.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const SUITES = [
  'tests/e2e/licenceEnd.test.ts',
  'tests/e2e/outboundNotices.test.ts',
  'tests/e2e/mailToTicket.test.ts',
  'tests/unit/mail/regression-hostile-reply-cut-exceeds-half-a-second.test.ts',
  'tests/dev/stack.test.ts',
  'tests/unit/relays/acceptMail.test.ts',
  'tests/dev/testOrder.test.ts',
];

/** The order the sequencer gives `paths` (relative), with TEST_ORDER_SEED set to `seed`. */
function order(paths: string[], seed: string): string[] {
  const script = `
    import Sequencer from './tests/support/cpuBudgetFirst.mjs';
    const tests = JSON.parse(process.argv[1]).map((p) => ({ path: p, context: { config: {} } }));
    const sorted = new Sequencer({ contexts: [] }).sort(tests);
    console.log(JSON.stringify(sorted.map((t) => t.path)));`;
  const env = { ...process.env, TEST_ORDER_SEED: seed };
  const out = execFileSync(
    process.execPath,
    ['--input-type=module', '-e', script, JSON.stringify(paths.map((p) => join(ROOT, p)))],
    { cwd: ROOT, env, encoding: 'utf8' },
  );
  const lines = out.trim().split('\n');
  return (JSON.parse(lines[lines.length - 1] ?? '[]') as string[]).map((p) =>
    p.slice(ROOT.length + 1),
  );
}

describe('the order of the suites', () => {
  it('when a seed is given, then the same seed gives the same order whatever order jest found them in', () => {
    const once = order(SUITES, '7');
    expect(order([...SUITES].reverse(), '7')).toEqual(once);
    expect([...once].sort()).toEqual([...SUITES].sort());
  });

  it('when two seeds differ, then so do their orders, and CPU-budget suites still come first', () => {
    const a = order(SUITES, '7');
    const b = order(SUITES, '8');
    expect(a).not.toEqual(b);
    for (const o of [a, b])
      expect(o[0]).toBe(
        'tests/unit/mail/regression-hostile-reply-cut-exceeds-half-a-second.test.ts',
      );
  });

  it('when the seed is not an integer, then the run stops with the setting named', () => {
    expect(() => order(SUITES, 'soon')).toThrow(/TEST_ORDER_SEED must be an integer/);
  });
});
