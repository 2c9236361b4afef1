/**
 * The raw download of a message's MIME (`GET …/messages/{id}/$value`): read as it streams and
 * stopped at the service's largest mail, so an oversized message never sits whole in memory.
 * The SDK hands a raw response back whatever its status, so failures are shaped here into what
 * lib/sharepoint/errors.ts maps (status, Graph's code, request-id; never Graph's message).
 */

/** The bytes, or 'too-large' once they pass `maxBytes` (the download is cancelled there). */
export async function readBounded(
  response: Response,
  maxBytes: number,
): Promise<Buffer | 'too-large'> {
  const declared = Number(response.headers.get('content-length') ?? NaN);
  if (Number.isFinite(declared) && declared > maxBytes) {
    await response.body?.cancel().catch(() => undefined);
    return 'too-large';
  }
  const chunks: Buffer[] = [];
  let total = 0;
  if (!response.body) return Buffer.alloc(0);
  // Leaving the loop early cancels the stream: the rest is never downloaded.
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
    total += chunk.byteLength;
    if (total > maxBytes) return 'too-large';
    chunks.push(Buffer.from(chunk));
  }
  return Buffer.concat(chunks, total);
}

/** An SDK-like error for a failed raw response, for toHelpdeskError. */
export async function responseFailure(response: Response): Promise<Error> {
  let code: unknown;
  try {
    code = ((await response.json()) as { error?: { code?: unknown } }).error?.code;
  } catch {
    code = undefined;
  }
  return Object.assign(new Error('raw request failed'), {
    statusCode: response.status,
    code: typeof code === 'string' ? code : `http-${response.status}`,
    requestId: response.headers.get('request-id') ?? undefined,
  });
}
