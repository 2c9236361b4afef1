/**
 * `npm run bench:coldstart`: how long the deployed app's entry (package.json "main", the bundle
 * `npm run bundle` writes) takes to load, registration of every function and hook with
 * @azure/functions included: what a cold instance pays before it answers its first request.
 * Each run is a fresh node process, one after the other (parallel runs would share the 2 cores
 * and the file cache unevenly); the child times only the import, from just before it to just
 * after, so node's own start-up is not counted. Prints one line per run, then one JSON line with
 * the median, min and max of the runs.
 *
 *   npm run bench:coldstart [-- --runs 10] [-- --entry dist/functions/index.js]
 *
 * No local stack is needed: loading the entry opens no connection (dependencies are built on
 * first use), and outside Azure's worker @azure/functions registers in its test mode.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';

import { REPO_ROOT } from '../settings';

// Ten runs: the measure, and enough that one run disturbed by a neighbour moves no median.
const DEFAULT_RUNS = 10;

// The child: time the import of the entry alone. import() loads CommonJS and ES modules alike;
// an ES module itself, so no global `require` is there that Azure's worker would not give.
const CHILD = `
import { pathToFileURL } from 'node:url';
const start = performance.now();
await import(pathToFileURL(process.argv[1]).href);
process.stdout.write(JSON.stringify({ loadMs: performance.now() - start }));
process.exit(0);`;

/** The middle run, or the mean of the two middle runs of an even count. */
function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? (s[mid] ?? NaN) : ((s[mid - 1] ?? NaN) + (s[mid] ?? NaN)) / 2;
}

function option(name: string): string | undefined {
  const at = process.argv.indexOf(`--${name}`);
  return at < 0 ? undefined : process.argv[at + 1];
}

function entryOfPackage(): string {
  const pkg = JSON.parse(readFileSync(resolve(REPO_ROOT, 'package.json'), 'utf8')) as {
    main?: string;
  };
  if (!pkg.main) throw new Error('package.json names no "main"');
  return pkg.main;
}

function loadOnce(entry: string): number {
  const child = spawnSync(process.execPath, ['--input-type=module', '-e', CHILD, entry], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    // The app's settings are not needed to load it; an empty environment proves that too.
    env: { PATH: process.env.PATH ?? '' },
  });
  if (child.status !== 0) {
    throw new Error(`loading ${entry} failed (exit ${child.status}):\n${child.stderr}`);
  }
  return (JSON.parse(child.stdout) as { loadMs: number }).loadMs;
}

function main(): void {
  const entry = resolve(REPO_ROOT, option('entry') ?? entryOfPackage());
  const runs = Number(option('runs') ?? DEFAULT_RUNS);
  if (!Number.isInteger(runs) || runs < 1 || runs > 100) throw new Error('--runs: 1..100');
  if (!existsSync(entry)) throw new Error(`${entry} does not exist: run npm run bundle first`);
  const times: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const ms = loadOnce(entry);
    times.push(ms);
    console.log(`run ${i + 1}: ${ms.toFixed(1)} ms`);
  }
  const round = (n: number): number => Math.round(n * 10) / 10;
  console.log(
    JSON.stringify({
      entry: relative(REPO_ROOT, entry),
      runs,
      medianMs: round(median(times)),
      minMs: round(Math.min(...times)),
      maxMs: round(Math.max(...times)),
    }),
  );
}

main();
