/**
 * The conformance bar of issue 3 on the real-world corpora, when ../shared/corpus is present (it
 * is in CI), the reply-html bar of issue 10 on our own cases, plus the runner's own pure parts.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

import type { CorpusResult } from '../../dev/conformance/corpus';
import { CORRECTIONS } from '../../dev/conformance/corrections';
import { BAR, belowBar, parseArgs, runAll, summary } from '../../dev/conformance/main';
import { runReplyHtml } from '../../dev/conformance/replyHtml';
import { replyHtmlCases } from '../../dev/conformance/replyHtmlCases';

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
      result('reply-html', 20, 20),
    ]);
    expect(line).toBe(
      '{"zammad":{"pass":101,"total":106},"sisimai":{"pass":600,"total":614},"flufl":{"pass":100,"total":103},"reply":{"pass":42,"total":42},"reply-html":{"pass":20,"total":20}}',
    );
  });

  it('when a corpus is below the bar, then one line says which', () => {
    const results = [
      result('zammad', 99, 106),
      result('sisimai', 600, 614),
      result('flufl', 100, 103),
      result('reply', 37, 42),
      result('reply-html', 19, 20),
    ];
    expect(belowBar(results)).toBe(
      'conformance below the bar: zammad 99/106 < 100, reply 37/42 < 38, reply-html 19/20 < 20',
    );
    expect(belowBar(results.map((r) => ({ ...r, pass: BAR[r.name] })))).toBeUndefined();
  });

  it('when a correction exists, then the README conformance section explains its case', () => {
    const doc = readFileSync(join(REPO, 'README.md'), 'utf8');
    for (const c of CORRECTIONS) expect(doc).toContain(c.file.split('/').pop());
  });
});

describe('reply-html on our own client replies', () => {
  const [first] = replyHtmlCases;
  if (!first) throw new Error('no reply-html cases');

  it('when every case is run, then every one passes: the bar is all of them', () => {
    const r = runReplyHtml();
    expect(r.failures).toEqual([]);
    expect([r.pass, r.total]).toEqual([BAR['reply-html'], replyHtmlCases.length]);
  });

  it('when a comment keeps history, loses the new text or is empty, then the case fails', () => {
    const cases = [
      { ...first, client: 'kept', history: [first.own.slice(0, 12)] },
      { ...first, client: 'lost', own: 'text the mail does not hold' },
      { ...first, client: 'empty', html: '<div>&nbsp;</div>', text: undefined },
    ];
    expect(runReplyHtml(cases).failures).toEqual([
      'kept (history kept)',
      'lost (new text lost)',
      'empty (empty comment)',
    ]);
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
      ['reply-html', replyHtmlCases.length],
    ]);
  }, 120_000);
});
