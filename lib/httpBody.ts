/**
 * Reads a request body into one buffer, refusing it once it passes `max` bytes: a chunked upload
 * without Content-Length must not be buffered whole before its size is known. With a declared
 * length the buffer is allocated once and filled in place, so the mail is held in one copy, not
 * in its chunks plus their concatenation.
 */
export type BodyRead = { ok: true; bytes: Buffer } | { ok: false; reason: 'too-large' };

export async function readBodyLimited(
  body: AsyncIterable<Uint8Array> | null | undefined,
  declaredLength: number | undefined,
  max: number,
): Promise<BodyRead> {
  const declared =
    declaredLength !== undefined && Number.isSafeInteger(declaredLength) && declaredLength >= 0
      ? declaredLength
      : undefined;
  if (declared !== undefined && declared > max) return { ok: false, reason: 'too-large' };
  if (!body) return { ok: true, bytes: Buffer.alloc(0) };
  let buffer = Buffer.allocUnsafe(Math.min(declared ?? 64 * 1024, max));
  let length = 0;
  for await (const chunk of body) {
    if (length + chunk.length > max) return { ok: false, reason: 'too-large' };
    if (length + chunk.length > buffer.length) {
      const grown = Buffer.allocUnsafe(
        Math.min(max, Math.max(buffer.length * 2, length + chunk.length)),
      );
      buffer.copy(grown, 0, 0, length);
      buffer = grown;
    }
    buffer.set(chunk, length);
    length += chunk.length;
  }
  return { ok: true, bytes: buffer.subarray(0, length) };
}
