/**
 * The wire side of the HTTP trigger: reading a request body under a cap, and writing a handler's
 * HttpResponseInit / HttpResponse (status, headers, cookies, JSON, bytes or streams) back.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';

import { type Cookie, HttpResponse, type HttpResponseInit } from '@azure/functions';

export class BodyTooLarge extends Error {
  constructor(readonly limit: number) {
    super(`request body is larger than ${limit} bytes`);
    this.name = 'BodyTooLarge';
  }
}

/**
 * Buffers the body, failing fast (from Content-Length when given) once it passes `limit`. With a
 * Content-Length the body goes straight into one buffer of that size: a 35 MB mail is held once,
 * not as its chunks plus their concatenation.
 */
export async function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) throw new BodyTooLarge(limit);
  const known = Number.isSafeInteger(declared) && declared >= 0;
  const whole = known ? Buffer.allocUnsafe(declared) : undefined;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = chunk as Buffer;
    if (size + buf.length > limit) throw new BodyTooLarge(limit);
    if (whole) buf.copy(whole, size);
    else chunks.push(buf);
    size += buf.length;
  }
  // Node's parser delivers exactly Content-Length bytes or fails the request.
  return whole ? whole.subarray(0, size) : Buffer.concat(chunks, size);
}

/** A short JSON error written by the host itself: a code and a sentence, never a stack. */
export function sendError(
  res: ServerResponse,
  status: number,
  error: string,
  message: string,
  extra: Record<string, string> = {},
): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const body = JSON.stringify({ error, message, ...extra });
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(body),
  });
  res.end(body);
}

function serializeCookie(c: Cookie): string {
  const parts = [`${c.name}=${encodeURIComponent(c.value)}`];
  if (c.domain) parts.push(`Domain=${c.domain}`);
  if (c.path) parts.push(`Path=${c.path}`);
  if (c.expires !== undefined) parts.push(`Expires=${new Date(c.expires).toUTCString()}`);
  if (c.maxAge !== undefined) parts.push(`Max-Age=${c.maxAge}`);
  if (c.secure) parts.push('Secure');
  if (c.httpOnly) parts.push('HttpOnly');
  if (c.sameSite) parts.push(`SameSite=${c.sameSite}`);
  return parts.join('; ');
}

/**
 * The handler's return value as an HttpResponse, as the Node worker builds it: undefined is an
 * empty 200, anything that is not an object is a failed invocation.
 */
export function toResponse(value: unknown): HttpResponse {
  if (value instanceof HttpResponse) return value;
  if (value === undefined || value === null) return new HttpResponse();
  if (typeof value !== 'object') {
    throw new TypeError(`an HTTP function must return an object, got ${typeof value}`);
  }
  return new HttpResponse(value as HttpResponseInit);
}

/** Streams the response; a body stream failing half-way cuts the connection, as Azure does. */
export async function writeResponse(
  req: IncomingMessage,
  res: ServerResponse,
  response: HttpResponse,
): Promise<void> {
  const setCookies = response.headers.getSetCookie();
  for (const [name, value] of response.headers) {
    if (name !== 'set-cookie') res.setHeader(name, value);
  }
  const cookies = [...setCookies, ...response.cookies.map(serializeCookie)];
  if (cookies.length > 0) res.setHeader('set-cookie', cookies);
  res.statusCode = response.status;
  const body = response.body;
  if (!body || req.method === 'HEAD') {
    await body?.cancel();
    res.end();
    return;
  }
  try {
    await pipeline(Readable.fromWeb(body as WebReadableStream<Uint8Array>), res);
  } catch {
    res.destroy();
  }
}
