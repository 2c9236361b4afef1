import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';

import { DecryptError, newDataKey, open, openStream, seal } from '../../../lib/storage/crypto';

/** The sealed bytes as a download delivers them: in chunks of the given sizes, then the rest. */
function chunked(sealed: Buffer, sizes: number[]): Readable {
  const chunks: Buffer[] = [];
  let at = 0;
  for (const size of sizes) {
    chunks.push(sealed.subarray(at, at + size));
    at += size;
  }
  if (at < sealed.length) chunks.push(sealed.subarray(at));
  return Readable.from(chunks);
}

describe('opening a sealed staged mail as it downloads', () => {
  const key = newDataKey();
  const mail = randomBytes(3 * 1024 * 1024 + 17); // more than one cipher slice
  const sealed = seal(key, mail, 'contoso/2026-11-22/m1.eml');

  it.each([
    { desc: 'one chunk', sizes: [] },
    { desc: 'a header split in two', sizes: [5, 3, 100] },
    { desc: 'the tag split across chunks', sizes: [sealed.length - 7] },
    { desc: 'many small chunks', sizes: Array(2000).fill(997) },
  ])('when the download arrives as $desc, then the mail round-trips', async ({ sizes }) => {
    const opened = await openStream(
      key,
      chunked(sealed, sizes),
      sealed.length,
      'contoso/2026-11-22/m1.eml',
    );
    expect(opened.equals(mail)).toBe(true);
    expect(open(key, sealed, 'contoso/2026-11-22/m1.eml').equals(mail)).toBe(true);
  });

  it('when a byte was changed, then nothing is returned', async () => {
    const tampered = Buffer.from(sealed);
    tampered.writeUInt8(tampered.readUInt8(5000) ^ 1, 5000);
    await expect(
      openStream(key, chunked(tampered, [4096]), tampered.length, 'contoso/2026-11-22/m1.eml'),
    ).rejects.toBeInstanceOf(DecryptError);
  });

  it('when it is read under another blob name, then it fails', async () => {
    await expect(
      openStream(key, chunked(sealed, []), sealed.length, 'fabrikam/2026-11-22/m1.eml'),
    ).rejects.toBeInstanceOf(DecryptError);
  });

  it.each([
    {
      desc: 'shorter than declared',
      bytes: sealed.subarray(0, sealed.length - 100),
      length: sealed.length,
    },
    { desc: 'longer than declared', bytes: sealed, length: sealed.length - 100 },
    { desc: 'too short to be sealed', bytes: sealed.subarray(0, 20), length: 20 },
  ])('when the download is $desc, then it fails', async ({ bytes, length }) => {
    await expect(
      openStream(key, chunked(bytes, [1000]), length, 'contoso/2026-11-22/m1.eml'),
    ).rejects.toBeInstanceOf(DecryptError);
  });

  it('when the download itself fails, then its error passes through', async () => {
    const failing = new Readable({
      read() {
        this.destroy(new Error('connection reset'));
      },
    });
    await expect(openStream(key, failing, sealed.length, 'x')).rejects.toThrow('connection reset');
  });
});
