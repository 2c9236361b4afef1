/**
 * `npm run soak -- [--mails 10000] [--seed 1] [--host-kills 10] [--window 60]`: the soak on a
 * stack of its own (ports 23071... plus SOAK_PORT_OFFSET). Progress goes to stderr; stdout gets
 * one JSON line. Exits 1 when a mail was lost, duplicated or had another outcome than expected,
 * was poisoned, or more was left staged than POSTs were cut off (verdict.ts).
 */
import { SOAK_PORT_BASE } from '../settings';
import { type SoakOptions, runSoak } from './run';

const USAGE =
  'usage: npm run soak -- [--mails N] [--seed S] [--host-kills K] [--window SECONDS] [--concurrency C]';

function whole(value: string | undefined, flag: string, min: number, max: number): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max)
    throw new Error(`${flag} takes a whole number from ${min} to ${max}`);
  return n;
}

function parseArgs(argv: string[]): SoakOptions {
  const options: SoakOptions = {
    mails: 10_000,
    seed: 1,
    hostKills: 10,
    budgetWindowSeconds: 60,
    portBase: SOAK_PORT_BASE + Number(process.env.SOAK_PORT_OFFSET ?? 0),
    rounds: 10,
    concurrency: 8,
    // A round of 1,000 mails at the small tenant's ~130 items a minute takes ~8 min; 30 is generous.
    drainMs: Number(process.env.SOAK_DRAIN_MS ?? 30 * 60_000),
  };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i] ?? '';
    const value = argv[++i];
    // 100,000 mails would run for half a day at the small tenant's budget: a typo.
    if (flag === '--mails') options.mails = whole(value, flag, 20, 100_000);
    else if (flag === '--seed') options.seed = whole(value, flag, 0, 0xffffffff);
    else if (flag === '--host-kills') options.hostKills = whole(value, flag, 0, 100);
    // The budget's own limit (dev/graph-sim/budgetConfig.ts).
    else if (flag === '--window') options.budgetWindowSeconds = whole(value, flag, 1, 3600);
    else if (flag === '--concurrency') options.concurrency = whole(value, flag, 1, 64);
    else throw new Error(USAGE);
  }
  return options;
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  const figures = await runSoak({ ...options, progress: (line) => console.error(`soak: ${line}`) });
  console.log(JSON.stringify(figures));
  const failed = figures.lost + figures.duplicated + figures.unexpected + figures.poisoned;
  if (failed > 0 || figures.staged > figures.interruptedPosts) process.exit(1);
}

main().catch((err: unknown) => {
  console.error(`soak: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
