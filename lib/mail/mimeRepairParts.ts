/**
 * The edits mimeRepair.ts makes to one part once its extent is known: its header section (the
 * missing `;`, a digest's default type, a charset label) and the copy kept as an attachment.
 */
import { SNIFF_BYTES, sniffCharset } from './charsetSniff';
import { type PartHead, asAttachment, readHead, withCharset } from './mimeHead';
import { decodeBody } from './structureCapture';

/** Replace `cut` bytes at `at` by `text` (Latin-1, a character a byte). */
export interface Piece {
  at: number;
  cut: number;
  text: string | Buffer;
}

/** A part: where its header section and its body start. */
export interface Span {
  start: number;
  bodyStart: number;
  /** A forwarded mail (message/rfc822) rather than a leaf part. */
  message: boolean;
}

// Copies made attachments: a few per mail and 8 MiB in all, so a hostile mail cannot grow by
// more than that (the copies are memory the parse holds).
const MAX_COPIES = 8;
const MAX_COPY_BYTES = 8 * 1024 * 1024;

// Text parts whose charset is judged: the body is in the first few; detection costs time.
const MAX_SNIFFED = 8;

export interface CopyBudget {
  bodyText: boolean;
  copies: number;
  bytes: number;
  sniffed: number;
}

/** Edits of a header section; returns the part's type as it reads after them. */
export function headEdits(
  head: string,
  start: number,
  part: PartHead,
  inDigest: boolean,
  pieces: Piece[],
): string {
  if (part.missingSemicolon !== undefined) {
    pieces.push({ at: start + part.missingSemicolon, cut: 0, text: ';' });
  }
  if (part.type === '' && inDigest) {
    pieces.push({ at: start, cut: 0, text: 'Content-Type: message/rfc822\r\n' });
    return 'message/rfc822';
  }
  return part.type;
}

/** The body's end: the line break before a delimiter belongs to the delimiter (RFC 2046). */
function bodyEnd(raw: Buffer, end: number, start: number): number {
  let e = end;
  if (e > start && raw[e - 1] === 10) e--;
  if (e > start && raw[e - 1] === 13) e--;
  return e;
}

export function finishPart(
  raw: Buffer,
  span: Span,
  end: number,
  boundary: string | undefined,
  pieces: Piece[],
  state: CopyBudget,
): void {
  let head = raw.toString('latin1', span.start, span.bodyStart);
  const part = readHead(head);
  // A digest's part with no type of its own (headEdits gave it one in the mail itself).
  if (span.message && part.type === '') head = `Content-Type: message/rfc822\r\n${head}`;
  const textType = part.type === '' || part.type === 'text/plain' || part.type === 'text/html';
  const inline = part.disposition !== 'attachment';
  const stop = bodyEnd(raw, end, span.bodyStart);
  if (!span.message && textType && inline && state.sniffed++ < MAX_SNIFFED) {
    // Base64 needs whole quads: the sample's length is kept a multiple of 4.
    const sampleEnd = Math.min(stop, span.bodyStart + Math.ceil((SNIFF_BYTES * 4) / 3 / 4) * 4);
    const sample = decodeBody(raw.subarray(span.bodyStart, sampleEnd), part.encoding);
    const charset = sniffCharset(sample, part.charset, sampleEnd < stop);
    if (charset) {
      head = withCharset(head, charset);
      pieces.push({ at: span.start, cut: span.bodyStart - span.start, text: head });
    }
  }
  const named = textType && part.filename && state.bodyText;
  if (!span.message && textType && inline && !part.filename) state.bodyText = true;
  // A forwarded mail reaches finishPart only when it is shown inline (mimeRepair.ts).
  const wanted = span.message || (named && inline);
  if (!wanted || !boundary || state.copies >= MAX_COPIES) return;
  if (state.bytes + (stop - span.start) > MAX_COPY_BYTES) return;
  state.copies++;
  state.bytes += stop - span.start;
  const copyHead = asAttachment(head.replace(/(\r?\n)*$/, '\r\n'));
  pieces.push({
    at: end,
    cut: 0,
    text: Buffer.concat([
      Buffer.from(`--${boundary}\r\n${copyHead}\r\n`, 'latin1'),
      raw.subarray(span.bodyStart, stop),
      Buffer.from('\r\n', 'latin1'),
    ]),
  });
}
