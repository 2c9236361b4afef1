/**
 * `npm run fuzz`: mutation fuzzing of the mail path (README "Fuzzing"). Options:
 *   --cases N     stop after N cases (default 2,000 when --seconds is not given)
 *   --seconds S   stop after S seconds
 *   --seed N      the run's seed (default 1): the same seed draws the same cases
 *   --from N      first case index; `--seed S --from N --cases 1` runs case N of seed S again
 *   --replay F    runs a saved case (.fuzz/crashes/<hash>.eml, its target read from the JSON)
 * Prints one JSON line; exits 1 when a case crashed, hung or blew the heap.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { Target } from './cases';
import { Child, fuzz } from './run';

// A case's CPU time over 1 s is a hang (the hostile-mail bound on a header look or a parse).
const CPU_BOUND_MS = 1000;
// The child's V8 heap; a heap past it ends the case as a blow-up.
const HEAP_MB = 512;
const CRASH_DIR = join(__dirname, '..', '..', '.fuzz', 'crashes');

function option(name: string): number | undefined {
  const at = process.argv.indexOf(`--${name}`);
  if (at < 0) return undefined;
  const value = Number(process.argv[at + 1]);
  if (!Number.isSafeInteger(value) || value < 0) {
    console.error(`--${name} takes a whole number`);
    process.exit(2);
  }
  return value;
}

async function replay(file: string): Promise<void> {
  const json = file.replace(/\.eml$/, '.json');
  const record = existsSync(json)
    ? (JSON.parse(readFileSync(json, 'utf8')) as { target?: Target })
    : {};
  const child = new Child(HEAP_MB);
  const input = readFileSync(file);
  const out = await child.run({ target: record.target ?? 'mail', input }, CPU_BOUND_MS * 30);
  child.stop();
  console.log('reply' in out ? (out.reply.ok ? out.reply.steps : out.reply.error) : out.died);
}

async function main(): Promise<void> {
  const replayAt = process.argv.indexOf('--replay');
  const file = process.argv[replayAt + 1];
  if (replayAt >= 0 && file) return replay(file);
  const seconds = option('seconds');
  const summary = await fuzz(
    {
      seed: option('seed') ?? 1,
      cases: option('cases') ?? (seconds === undefined ? 2000 : Infinity),
      seconds: seconds ?? Infinity,
      from: option('from') ?? 0,
      cpuBoundMs: CPU_BOUND_MS,
      heapMb: HEAP_MB,
      crashDir: CRASH_DIR,
    },
    (line) => console.error(line),
  );
  console.log(JSON.stringify(summary));
  if (summary.crashes > 0 || summary.hangs > 0) process.exitCode = 1;
}

void main();
