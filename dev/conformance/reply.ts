/**
 * crisp-oss/email-reply-parser's fixtures: the visible first fragment of a plain-text reply must
 * equal the expected text after trimming.
 */
import { basename, join } from 'node:path';

import { cutReply } from '../../lib/mail/reply';
import { type CorpusResult, readBytes, readJson, tally } from './corpus';
import { correction } from './corrections';

interface ReplyRow {
  fixture: string;
  expected_first_fragment_trimmed: string;
}

export function runReply(corpusDir: string): CorpusResult {
  const dir = join(corpusDir, 'reply-crisp');
  const rows = readJson<ReplyRow[]>(join(dir, 'expected_first_fragment.json'));
  const cases = rows.map((row) => {
    const text = readBytes(join(dir, row.fixture)).toString('utf8');
    const got = cutReply(text).trim();
    const upstream = row.expected_first_fragment_trimmed.trim();
    const fix = correction('reply', row.fixture, 'fragment');
    const rawOk = got === upstream;
    const ok = fix ? got === (fix.expected as string) : rawOk;
    return { file: basename(row.fixture), ok, rawOk, corrected: !!fix };
  });
  return tally('reply', cases);
}
