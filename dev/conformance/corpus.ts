/** What every corpus check returns, and reading corpus files (always as bytes, never copied). */
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

export interface CorpusResult {
  name: 'zammad' | 'sisimai' | 'flufl' | 'reply' | 'reply-html';
  pass: number;
  total: number;
  /** Failing cases by file or (our own cases) client name: never subjects, bodies or addresses. */
  failures: string[];
  /** Further figures, one short line each (counts only). */
  figures: string[];
  /** Cases judged against a documented correction (see the README's conformance section). */
  corrected: number;
  /** Passes without applying corrections. */
  rawPass: number;
}

export function readJson<T>(file: string): T {
  return JSON.parse(readFileSync(file, 'utf8')) as T;
}

export function readBytes(file: string): Buffer {
  return readFileSync(file);
}

export function listFiles(dir: string, suffix: string): string[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith(suffix))
    .sort()
    .map((name) => join(dir, name));
}

/** A result whose case can fail for several reasons; the first reason is what is reported. */
export function tally(
  name: CorpusResult['name'],
  cases: Array<{ file: string; ok: boolean; rawOk: boolean; corrected: boolean; why?: string }>,
  figures: string[] = [],
): CorpusResult {
  return {
    name,
    pass: cases.filter((c) => c.ok).length,
    total: cases.length,
    failures: cases.filter((c) => !c.ok).map((c) => (c.why ? `${c.file} (${c.why})` : c.file)),
    figures,
    corrected: cases.filter((c) => c.corrected).length,
    rawPass: cases.filter((c) => c.rawOk).length,
  };
}

/** Size and md5 of a stream's bytes with every CRLF read as LF. */
export async function lfDigest(
  content: AsyncIterable<unknown>,
): Promise<{ size: number; md5: string }> {
  const hash = createHash('md5');
  let size = 0;
  let carry = '';
  for await (const chunk of content) {
    const text = carry + (chunk as Buffer).toString('latin1');
    carry = text.endsWith('\r') ? '\r' : '';
    const bytes = Buffer.from(
      text.slice(0, text.length - carry.length).replace(/\r\n/g, '\n'),
      'latin1',
    );
    hash.update(bytes);
    size += bytes.length;
  }
  hash.update(Buffer.from(carry, 'latin1'));
  return { size: size + carry.length, md5: hash.digest('hex') };
}
