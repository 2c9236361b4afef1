import { Readable } from 'node:stream';

import { UuDecoder } from '../../../lib/mail/uudecode';

function uuencode(data: Buffer): string {
  const lines = ['begin 644 a.bin'];
  for (let i = 0; i < data.length; i += 45) {
    const part = data.subarray(i, i + 45);
    let line = String.fromCharCode(32 + part.length);
    for (let j = 0; j < part.length; j += 3) {
      const n = ((part[j] ?? 0) << 16) | ((part[j + 1] ?? 0) << 8) | (part[j + 2] ?? 0);
      for (const shift of [18, 12, 6, 0])
        line += String.fromCharCode(32 + ((n >> shift) & 63) || 96);
    }
    lines.push(line);
  }
  return `${lines.join('\n')}\n\`\nend\n`;
}

async function decode(chunks: Buffer[]): Promise<Buffer> {
  const out: Buffer[] = [];
  for await (const b of Readable.from(chunks).pipe(new UuDecoder())) out.push(b as Buffer);
  return Buffer.concat(out);
}

function chunked(text: string, size: number): Buffer[] {
  const bytes = Buffer.from(text, 'latin1');
  const parts: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += size) parts.push(bytes.subarray(i, i + size));
  return parts;
}

describe('x-uuencode', () => {
  it('when a part arrives in small chunks, then it decodes byte-identical', async () => {
    const data = Buffer.from(Array.from({ length: 10_000 }, (_, i) => (i * 7) % 256));
    expect((await decode(chunked(uuencode(data), 7))).equals(data)).toBe(true);
  });

  it('when a line is far longer than uuencode writes, then it is skipped without rescanning it, and the lines after it decode', async () => {
    const data = Buffer.from('after the junk');
    // 16 MiB without a line break, in 64 KiB chunks: rescanning it per chunk took minutes.
    const text = `${'M'.repeat(16 * 1024 * 1024)}\n${uuencode(data)}`;
    const started = Date.now();
    const decoded = await decode(chunked(text, 64 * 1024));
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(decoded.equals(data)).toBe(true);
  }, 120_000);
});
