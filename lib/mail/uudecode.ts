/**
 * Content-Transfer-Encoding x-uuencode: not in MIME (RFC 2045 §6.1 lists none such), but old
 * mailers used it and mailparser passes it through undecoded. Decoded here, streaming, with the
 * decoded size and md5 taken as mailparser takes them for other parts.
 */
import { createHash } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';

export function isUuencoded(transferEncoding: unknown): boolean {
  return typeof transferEncoding === 'string' && /^x-?uue(ncode)?$/i.test(transferEncoding.trim());
}

/** One encoded line: a length character, then 4 characters per 3 bytes, each (c - 32) & 63. */
export function decodeUuLine(line: string): Buffer {
  if (/^(begin\s|end\s*$)/.test(line) || !line) return Buffer.alloc(0);
  const length = ((line.charCodeAt(0) ?? 32) - 32) & 63;
  const out = Buffer.alloc(length);
  const sixBits = (i: number): number => ((line.charCodeAt(i) || 32) - 32) & 63;
  for (let o = 0, i = 1; o < length; i += 4) {
    const n = (sixBits(i) << 18) | (sixBits(i + 1) << 12) | (sixBits(i + 2) << 6) | sixBits(i + 3);
    for (const shift of [16, 8, 0]) if (o < length) out[o++] = (n >> shift) & 255;
  }
  return out;
}

// An encoded line is 61 characters; a "begin" line names a file. Anything far longer is not
// uuencode, and carrying it over from chunk to chunk would rescan it with every chunk.
const MAX_LINE = 4096;

export class UuDecoder extends Transform {
  private rest = '';
  /** Inside an overlong line: its text up to the next line break is dropped. */
  private skipping = false;
  private readonly md5 = createHash('md5');
  size = 0;
  checksum = '';

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    const lines = (this.rest + chunk.toString('latin1')).split(/\r?\n/);
    this.rest = lines.pop() ?? '';
    if (this.skipping && lines.length > 0) {
      lines.shift(); // the end of the overlong line
      this.skipping = false;
    }
    for (const line of lines) this.emitLine(line);
    if (this.rest.length > MAX_LINE) {
      this.rest = '';
      this.skipping = true;
    }
    done();
  }

  override _flush(done: TransformCallback): void {
    if (!this.skipping) this.emitLine(this.rest);
    this.checksum = this.md5.digest('hex');
    done();
  }

  private emitLine(line: string): void {
    const bytes = decodeUuLine(line);
    if (!bytes.length) return;
    this.md5.update(bytes);
    this.size += bytes.length;
    this.push(bytes);
  }
}
