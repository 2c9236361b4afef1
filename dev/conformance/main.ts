/**
 * `npm run conformance [-- corpusDir] [--check] [--raw]`: runs parsing and classification (no
 * Graph) over the real-world corpora in ../shared/corpus, and the reply cutter over our own HTML
 * replies in client markup (reply-html), and prints per-corpus figures, the
 * failing cases by file name only (never subjects, bodies or addresses), and as its last line one
 * JSON object with the pass counts. `--check` exits 1 below the bar of issue 3; `--raw` judges
 * every case by the upstream expectation, ignoring the corrections in corrections.ts.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

import type { CorpusResult } from './corpus';
import { useCorrections } from './corrections';
import { runFlufl } from './flufl';
import { runReply } from './reply';
import { runReplyHtml } from './replyHtml';
import { runSisimai } from './sisimai';
import { runZammad } from './zammad';

export const BAR: Record<CorpusResult['name'], number> = {
  zammad: 100,
  sisimai: 600,
  flufl: 100,
  reply: 38,
  // Every case of replyHtmlCases.ts passed when the figure was added (issue 10).
  'reply-html': 20,
};

// A failure list longer than this is cut: the point is to show where to look.
const MAX_LISTED = 12;

export interface Options {
  corpusDir: string;
  check: boolean;
  raw: boolean;
}

export function parseArgs(argv: string[], repoRoot: string): Options {
  const flags = new Set(argv.filter((a) => a.startsWith('--')));
  for (const flag of flags) {
    if (flag !== '--check' && flag !== '--raw') throw new Error(`unknown option ${flag}`);
  }
  const dir = argv.find((a) => !a.startsWith('--'));
  return {
    corpusDir: resolve(dir ?? resolve(repoRoot, '../shared/corpus')),
    check: flags.has('--check'),
    raw: flags.has('--raw'),
  };
}

export async function runAll(corpusDir: string, raw = false): Promise<CorpusResult[]> {
  useCorrections(!raw);
  return [
    await runZammad(corpusDir),
    await runSisimai(corpusDir),
    await runFlufl(corpusDir),
    runReply(corpusDir),
    runReplyHtml(),
  ];
}

export function summary(results: CorpusResult[]): string {
  const figures = Object.fromEntries(
    results.map((r) => [r.name, { pass: r.pass, total: r.total }]),
  );
  return JSON.stringify(figures);
}

/** The corpora below the bar, as one line, or undefined when all pass. */
export function belowBar(results: CorpusResult[]): string | undefined {
  const low = results.filter((r) => r.pass < BAR[r.name]);
  if (!low.length) return undefined;
  return `conformance below the bar: ${low.map((r) => `${r.name} ${r.pass}/${r.total} < ${BAR[r.name]}`).join(', ')}`;
}

function report(r: CorpusResult, ms: number): string[] {
  const corrected = r.corrected
    ? ` (${r.rawPass}/${r.total} against upstream expectations; ${r.corrected} judged against documented corrections, see the README's conformance section)`
    : '';
  const lines = [
    `${r.name}: ${r.pass}/${r.total} passed, bar ${BAR[r.name]}${corrected}, ${ms} ms`,
  ];
  for (const figure of r.figures) lines.push(`  ${figure}`);
  const shown = r.failures.slice(0, MAX_LISTED);
  if (shown.length)
    lines.push(
      `  failing: ${shown.join(', ')}${r.failures.length > shown.length ? `, ... (${r.failures.length - shown.length} more)` : ''}`,
    );
  return lines;
}

async function main(): Promise<number> {
  const options = parseArgs(process.argv.slice(2), resolve(__dirname, '../..'));
  if (!existsSync(options.corpusDir)) {
    console.error(`conformance: corpus directory not found: ${options.corpusDir}`);
    return 2;
  }
  useCorrections(!options.raw);
  const results: CorpusResult[] = [];
  const started = Date.now();
  for (const run of [
    runZammad,
    runSisimai,
    runFlufl,
    async (d: string) => runReply(d),
    async () => runReplyHtml(),
  ]) {
    const t = Date.now();
    const result = await run(options.corpusDir);
    results.push(result);
    for (const line of report(result, Date.now() - t)) console.log(line);
  }
  console.log(`total ${Date.now() - started} ms`);
  const low = belowBar(results);
  if (options.check && low) console.log(low);
  console.log(summary(results));
  return options.check && low ? 1 : 0;
}

if (require.main === module) {
  main().then(
    (code) => (process.exitCode = code),
    (err: unknown) => {
      console.error(err);
      process.exitCode = 2;
    },
  );
}
