/**
 * Sisimai's bounce corpus, one verdict per file: every bounce or report is not a ticket,
 * `reason: vacation` files are auto-replies, and the two maildir/not files are normal mail.
 * Abuse reports (`reason: feedback`) classified as such are counted as a figure.
 */
import { basename, join } from 'node:path';

import { classify } from '../../lib/mail/classify';
import { parseMail } from '../../lib/mail/parse';
import { type CorpusResult, listFiles, readBytes, readJson, tally } from './corpus';
import { correction } from './corrections';

interface SisimaiRow {
  file: string;
  reason: string;
}

type Verdict = 'not-a-ticket' | 'auto-reply' | 'normal';

// The corpus' own addresses are example domains; none is a helpdesk's support address.
const CONTEXT = { ownAddresses: ['support@helpdesk.invalid'] };

export async function runSisimai(corpusDir: string): Promise<CorpusResult> {
  const dir = join(corpusDir, 'sisimai');
  const rows = readJson<SisimaiRow[]>(join(dir, 'expected.json'));
  const reasons = new Map<string, Set<string>>();
  for (const row of rows)
    reasons.set(row.file, (reasons.get(row.file) ?? new Set()).add(row.reason));
  const files = [
    ...listFiles(join(dir, 'set-of-emails/maildir/bsd'), '.eml'),
    ...listFiles(join(dir, 'set-of-emails/maildir/not'), '.eml'),
  ];
  const cases = [];
  let feedback = 0;
  let feedbackFound = 0;
  for (const path of files) {
    const file = path.slice(dir.length + 1);
    const why = reasons.get(file);
    const upstream: Verdict = file.includes('/not/')
      ? 'normal'
      : why?.has('vacation')
        ? 'auto-reply'
        : 'not-a-ticket';
    const fix = correction('sisimai', file, 'verdict');
    const expected = (fix?.expected as Verdict | undefined) ?? upstream;
    let kind = 'error';
    try {
      kind = classify(await parseMail(readBytes(path)), CONTEXT).kind;
    } catch (err) {
      kind = (err as { code?: string }).code ?? 'error';
    }
    const agrees = (v: Verdict): boolean =>
      v === 'normal'
        ? kind === 'normal'
        : v === 'auto-reply'
          ? kind === 'auto-reply'
          : kind !== 'normal' && !kind.startsWith('mail-');
    if (why?.has('feedback')) {
      feedback++;
      if (kind === 'abuse-report') feedbackFound++;
    }
    cases.push({
      file: basename(file),
      ok: agrees(expected),
      rawOk: agrees(upstream),
      corrected: !!fix,
      why: kind,
    });
  }
  return tally('sisimai', cases, [
    `abuse reports classified as abuse-report: ${feedbackFound}/${feedback}`,
  ]);
}
