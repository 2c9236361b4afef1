/**
 * Applies what the structure watch found to mailparser's result: a repaired root header section
 * (headerRepair.ts), file names read from raw 8-bit bytes, subjects of attached mails (to name
 * them), and text bodies whose invalid UTF-8 became U+FFFD (charset.ts).
 */
import { decodeRawHeader, repairDecoded } from './charset';
import { type HeaderSection, plainValue } from './headerFields';
import { repairHeaderSection } from './headerRepair';
import type { StructureResult } from './structure';
import type { AttachmentInfo } from './types';

export type ReadHeaderSection = (head: Buffer) => Promise<HeaderSection | undefined>;

export interface Body {
  text: string | undefined;
  html: string | undefined;
}

// A name read from raw 8-bit bytes arrives as one Latin-1 character per byte.
const onlyLatin1 = (s: string): boolean => [...s].every((c) => c.charCodeAt(0) <= 0xff);

export async function applyRepairs(
  section: HeaderSection,
  found: StructureResult,
  attachments: AttachmentInfo[],
  body: Body,
  read: ReadHeaderSection,
): Promise<{ section: HeaderSection } & Body> {
  const hint = found.charsetHint;
  const head = found.rootHead && repairHeaderSection(found.rootHead, hint);
  const fixed = (head && (await read(head))) || section;
  for (const a of attachments) {
    const embedded = a.partId === undefined ? undefined : found.embeddedHeads.get(a.partId);
    if (embedded) a.embeddedSubject = plainValue((await read(embedded))?.headers.get('subject'));
    const raw = a.partId !== undefined && found.rawHeaderParts.has(a.partId);
    if (raw && a.filename && onlyLatin1(a.filename)) {
      a.filename = decodeRawHeader(Buffer.from(a.filename, 'latin1'), hint);
    }
  }
  return {
    section: fixed,
    text: repairDecoded(body.text, found.textParts, 'text/plain'),
    html: repairDecoded(body.html, found.textParts, 'text/html'),
  };
}
