/**
 * flufl.bounce's real-world bounces: every file must be classified as a bounce; as a figure, how
 * many of the expected bounced addresses are extracted.
 */
import { basename, join } from 'node:path';

import { bouncedRecipients } from '../../lib/mail/bouncedRecipients';
import { classify } from '../../lib/mail/classify';
import { parseMail } from '../../lib/mail/parse';
import { type CorpusResult, listFiles, readBytes, readJson, tally } from './corpus';
import { correction } from './corrections';

interface FluflRow {
  file: string;
  expected_addresses: string[];
}

const CONTEXT = { ownAddresses: ['support@helpdesk.invalid'] };

export async function runFlufl(corpusDir: string): Promise<CorpusResult> {
  const dir = join(corpusDir, 'flufl-bounce');
  const rows = readJson<FluflRow[]>(join(dir, 'expected.json'));
  const expected = new Map<string, Set<string>>();
  for (const row of rows) {
    const set = expected.get(row.file) ?? new Set<string>();
    for (const a of row.expected_addresses) set.add(a.toLowerCase());
    expected.set(row.file, set);
  }
  const cases = [];
  let wanted = 0;
  let found = 0;
  for (const path of listFiles(join(dir, 'mail'), '.txt')) {
    const file = `mail/${basename(path)}`;
    let kind: string;
    try {
      const mail = await parseMail(readBytes(path));
      kind = classify(mail, CONTEXT).kind;
      const got = new Set(bouncedRecipients(mail));
      for (const a of expected.get(file) ?? []) {
        wanted++;
        if (got.has(a)) found++;
      }
    } catch (err) {
      kind = (err as { code?: string }).code ?? 'error';
    }
    const fix = correction('flufl', file, 'kind');
    const want = (fix?.expected as string | undefined) ?? 'bounce';
    cases.push({
      file: basename(path),
      ok: kind === want,
      rawOk: kind === 'bounce',
      corrected: !!fix,
      why: kind,
    });
  }
  return tally('flufl', cases, [`bounced addresses extracted: ${found}/${wanted}`]);
}
