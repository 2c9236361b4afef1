/**
 * What a MIME message will weigh before it is composed, so the files of a reply that fit one
 * Graph request are chosen by arithmetic rather than by composing the mail again for each
 * (composing a mail of 25 MiB a few hundred times took minutes). The estimates lean high; the
 * composed mail is still measured once (replyFiles.ts).
 */
const LINE = 76;
// Boundary line, Content-Type with the name, Content-Disposition with the filename,
// Content-Transfer-Encoding: what nodemailer writes above a file's bytes, the name aside.
const PART_HEADER_BYTES = 320;
// Date, MIME-Version, Message-ID and the multipart boundaries of a mail with files.
const MESSAGE_HEADER_BYTES = 1_500;
const TEXT_PART_HEADER_BYTES = 160;

/** Bytes of base64 for `n` bytes in 76-character lines ending in CRLF, as a part is written. */
export function base64Bytes(n: number): number {
  const chars = Math.ceil(n / 3) * 4;
  return chars + 2 * Math.ceil(chars / LINE);
}

/** sendMail's and a MIME draft's request body: the base64 of the whole message on one line. */
export const requestBytes = (mimeBytes: number): number => Math.ceil(mimeBytes / 3) * 4;

/**
 * Text as a MIME body: nodemailer picks quoted-printable or base64 by the share of non-ASCII
 * characters; the larger of the two is taken, so a choice either way stays under it.
 */
export function encodedTextBytes(text: string): number {
  const bytes = Buffer.from(text, 'utf8');
  let qp = 0;
  // '=', non-ASCII and control bytes become =XX; a line break becomes CRLF.
  for (const b of bytes) qp += b === 0x0a ? 2 : b === 0x3d || b >= 0x7f || b < 0x20 ? 3 : 1;
  // A soft line break (=CRLF) every 73 characters.
  qp += 3 * Math.ceil(qp / (LINE - 3));
  return Math.max(qp, base64Bytes(bytes.length));
}

/** An HTML or plain-text part with its own header fields. */
export const textPartBytes = (text: string): number =>
  TEXT_PART_HEADER_BYTES + encodedTextBytes(text);

/** A file's part: its bytes in base64, its name twice (Content-Type and Content-Disposition). */
export function filePartBytes(filename: string, size: number): number {
  // A name that is not ASCII is written percent- or encoded-word-encoded: 3 bytes per byte.
  const name = 3 * Buffer.byteLength(filename, 'utf8');
  return PART_HEADER_BYTES + 2 * name + base64Bytes(size);
}

/** The header fields of a message from the values it will carry (encoded words: 3 per byte). */
export function messageHeaderBytes(values: readonly string[]): number {
  const bytes = values.reduce((sum, v) => sum + 3 * Buffer.byteLength(v, 'utf8') + 16, 0);
  return MESSAGE_HEADER_BYTES + bytes;
}

/**
 * How many of the candidates (smallest first) fit one request of `limit` bytes, when `size` is
 * the estimate with all of them as links: each taken moves its cost from the links to a part.
 */
export function fitting(
  size: number,
  candidates: readonly { part: number; link: number }[],
  limit: number,
): number {
  let taken = 0;
  for (const c of candidates) {
    const next = size - c.link + c.part;
    if (requestBytes(next) > limit) break;
    size = next;
    taken += 1;
  }
  return taken;
}
