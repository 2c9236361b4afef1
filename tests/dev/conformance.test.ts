/**
 * The conformance bar of issue 3 on the real-world corpora, when ../shared/corpus is present (it
 * is in CI), plus the runner's own pure parts.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

import type { CorpusResult } from '../../dev/conformance/corpus';
import { CORRECTIONS } from '../../dev/conformance/corrections';
import { BAR, belowBar, parseArgs, runAll, summary } from '../../dev/conformance/main';

const REPO = resolve(__dirname, '../..');
const CORPUS = resolve(REPO, '../shared/corpus');
const result = (name: CorpusResult['name'], pass: number, total: number): CorpusResult => ({
  name,
  pass,
  total,
  failures: [],
  figures: [],
  corrected: 0,
  rawPass: pass,
});

describe('conformance runner', () => {
  it('when no directory is given, then the corpus beside the checkout is used', () => {
    expect(parseArgs([], REPO)).toEqual({ corpusDir: CORPUS, check: false, raw: false });
    expect(parseArgs(['/tmp/c', '--check', '--raw'], REPO)).toEqual({
      corpusDir: '/tmp/c',
      check: true,
      raw: true,
    });
    expect(() => parseArgs(['--chek'], REPO)).toThrow('unknown option --chek');
  });

  it('when the figures are summed up, then the last line has the agreed shape', () => {
    const line = summary([
      result('zammad', 101, 106),
      result('sisimai', 600, 614),
      result('flufl', 100, 103),
      result('reply', 42, 42),
    ]);
    expect(line).toBe(
      '{"zammad":{"pass":101,"total":106},"sisimai":{"pass":600,"total":614},"flufl":{"pass":100,"total":103},"reply":{"pass":42,"total":42}}',
    );
  });

  it('when a corpus is below the bar, then one line says which', () => {
    const results = [
      result('zammad', 99, 106),
      result('sisimai', 600, 614),
      result('flufl', 100, 103),
      result('reply', 37, 42),
    ];
    expect(belowBar(results)).toBe(
      'conformance below the bar: zammad 99/106 < 100, reply 37/42 < 38',
    );
    expect(belowBar(results.map((r) => ({ ...r, pass: BAR[r.name] })))).toBeUndefined();
  });

  it('when a correction exists, then the README conformance section explains its case', () => {
    const doc = readFileSync(join(REPO, 'README.md'), 'utf8');
    for (const c of CORRECTIONS) expect(doc).toContain(c.file.split('/').pop());
  });
});

describe('conformance on ../shared/corpus', () => {
  it('when the corpora are run, then every corpus meets the bar of issue 3', async () => {
    const results = await runAll(CORPUS);
    expect(belowBar(results)).toBeUndefined();
    expect(results.map((r) => [r.name, r.total])).toEqual([
      ['zammad', 106],
      ['sisimai', 614],
      ['flufl', 103],
      ['reply', 42],
    ]);
  }, 120_000);
});
