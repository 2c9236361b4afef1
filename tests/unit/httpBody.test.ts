import { readBodyLimited } from '../../lib/httpBody';

async function* chunks(sizes: number[], seen: { count: number }): AsyncIterable<Uint8Array> {
  for (const [i, size] of sizes.entries()) {
    seen.count++;
    yield Buffer.alloc(size, i + 1);
  }
}

describe('reading a mail from the request body', () => {
  it('when chunks arrive without a declared length, then they are joined in order', async () => {
    const seen = { count: 0 };
    const read = await readBodyLimited(chunks([70_000, 10, 100_000], seen), undefined, 1 << 20);
    expect(read.ok && read.bytes.length).toBe(170_010);
    expect(read.ok && [read.bytes[0], read.bytes[70_000], read.bytes[170_009]]).toEqual([1, 2, 3]);
  });

  it('when a body without a length passes the limit, then it is refused without reading the rest', async () => {
    const seen = { count: 0 };
    const read = await readBodyLimited(chunks([600, 600, 600, 600], seen), undefined, 1000);
    expect(read).toEqual({ ok: false, reason: 'too-large' });
    expect(seen.count).toBe(2);
  });

  it('when the declared length is over the limit, then nothing is read', async () => {
    const seen = { count: 0 };
    expect(await readBodyLimited(chunks([10], seen), 5000, 1000)).toEqual({
      ok: false,
      reason: 'too-large',
    });
    expect(seen.count).toBe(0);
  });

  it('when the declared length lies or is junk, then the limit still holds', async () => {
    const seen = { count: 0 };
    expect((await readBodyLimited(chunks([800, 800], seen), 10, 1000)).ok).toBe(false);
    const junk = await readBodyLimited(chunks([5], { count: 0 }), Number('abc'), 1000);
    expect(junk.ok && junk.bytes.length).toBe(5);
  });

  it('when there is no body, then it is empty', async () => {
    const read = await readBodyLimited(null, undefined, 1000);
    expect(read.ok && read.bytes.length).toBe(0);
  });
});

describe('a body that arrives whole', () => {
  it('when it is one chunk, then its bytes are used as they are, not copied', async () => {
    const whole = Buffer.from('From: a@b\r\n\r\nhi');
    async function* once(): AsyncIterable<Uint8Array> {
      yield whole;
    }
    const read = await readBodyLimited(once(), whole.length, 1000);
    expect(read.ok && read.bytes.buffer).toBe(whole.buffer);
    expect(read.ok && read.bytes.equals(whole)).toBe(true);
  });
});
