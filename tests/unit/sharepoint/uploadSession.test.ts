import { Readable } from 'node:stream';

import { FRAGMENT_BYTES, FRAGMENT_UNIT, fragments } from '../../../lib/sharepoint/uploadSession';

async function collect(content: Readable | Buffer, size: number): Promise<number[]> {
  const lengths: number[] = [];
  for await (const f of fragments(content, size)) lengths.push(f.length);
  return lengths;
}

describe('upload session fragments', () => {
  it('when fragments are cut, then each but the last is a multiple of 320 KiB', () => {
    expect(FRAGMENT_BYTES % FRAGMENT_UNIT).toBe(0);
    expect(FRAGMENT_BYTES).toBeLessThan(60 * 1024 * 1024);
  });

  it('when the content streams in odd chunks, then fragments have the exact size and order', async () => {
    const data = Buffer.from(Array.from({ length: 1000 }, (_, i) => i % 251));
    const chunks = [data.subarray(0, 7), data.subarray(7, 530), data.subarray(530)];
    const out: Buffer[] = [];
    for await (const f of fragments(Readable.from(chunks), 300)) out.push(Buffer.from(f));
    expect(out.map((f) => f.length)).toEqual([300, 300, 300, 100]);
    expect(Buffer.concat(out).equals(data)).toBe(true);
  });

  it('when the content is a Buffer, then fragments are slices of it', async () => {
    expect(await collect(Buffer.alloc(1000), 400)).toEqual([400, 400, 200]);
  });

  it('when the consumer stops early, then the stream is left for the parser to drain', async () => {
    const stream = Readable.from([Buffer.alloc(10), Buffer.alloc(10), Buffer.alloc(10)]);
    for await (const _f of fragments(stream, 10)) break;
    expect(stream.destroyed).toBe(false);
    let rest = 0;
    for await (const c of stream) rest += (c as Buffer).length;
    expect(rest).toBeGreaterThan(0);
  });
});
