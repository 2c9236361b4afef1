/**
 * Reads a request body into one buffer, refusing it once it passes `max` bytes: a chunked upload
 * without Content-Length must not be buffered whole before its size is known. The mail is held
 * in one copy: the single chunk it came in, or one buffer (of the declared length, when there is
 * one) that its chunks are gathered into, never the chunks plus their concatenation.
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
  // A body that arrives as one chunk (the Functions worker hands it over whole) is used as it
  // is: no copy at all. Only a second chunk makes a buffer to gather into.
  let first: Uint8Array | undefined;
  let buffer: Buffer | undefined;
  let length = 0;
  for await (const chunk of body) {
    if (length + chunk.length > max) return { ok: false, reason: 'too-large' };
    if (!first && !buffer) {
      first = chunk;
      length = chunk.length;
      continue;
    }
    const needed = length + chunk.length;
    if (!buffer || needed > buffer.length) {
      const grown = Buffer.allocUnsafe(
        Math.min(max, Math.max(declared ?? 0, (buffer?.length ?? 0) * 2, needed, 64 * 1024)),
      );
      if (buffer) buffer.copy(grown, 0, 0, length);
      else if (first) grown.set(first, 0);
      buffer = grown;
      first = undefined;
    }
    buffer.set(chunk, length);
    length += chunk.length;
  }
  if (buffer) return { ok: true, bytes: buffer.subarray(0, length) };
  if (!first) return { ok: true, bytes: Buffer.alloc(0) };
  return { ok: true, bytes: Buffer.from(first.buffer, first.byteOffset, first.byteLength) };
}

/** A request as the Functions runtime hands it over: its body stream and headers. */
export interface BodyRequest {
  body: unknown;
  headers: { get(name: string): string | null };
}

/** The request's body read against `max`, its Content-Length (if any) taken as declared. */
export function readRequestBody(request: BodyRequest, max: number): Promise<BodyRead> {
  const length = request.headers.get('content-length');
  return readBodyLimited(
    request.body as AsyncIterable<Uint8Array> | null,
    length === null ? undefined : Number(length),
    max,
  );
}
