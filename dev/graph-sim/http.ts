/**
 * Transport plumbing shared by every handler: the request as handlers see it (body already read,
 * ids assigned), the response as they return it (plain data, so a later $batch can run the same
 * handlers in-process), and the exact media type real Graph sends.
 */
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';

import { GraphError, type RequestIds } from './errors';

/** Real Graph's media type; the SDK only parses JSON when the type is exactly application/json. */
export const GRAPH_JSON =
  'application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8';

/**
 * The simulator refuses JSON bodies above 4 MiB: no Graph JSON call of this service comes near
 * (a list item's largest field is 63,999 characters) and a cap keeps hostile input bounded.
 */
export const MAX_JSON_BYTES = 4 * 1024 * 1024;

/**
 * Simple upload is documented up to 250 MB, but the service switches to upload sessions above
 * 4 MiB, and the simulator keeps files in memory and in its JSON state: 64 MiB is plenty.
 */
export const MAX_UPLOAD_BYTES = 64 * 1024 * 1024;

/**
 * Upload sessions take fragments below 60 MiB (docs/graph.md "Files"); a larger one is refused
 * with 413 before it is buffered.
 */
export const MAX_FRAGMENT_BYTES = 60 * 1024 * 1024 - 1;

export interface SimRequest {
  method: string;
  /** Path as sent, still percent-encoded: ':' addressing is split before decoding. */
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: Buffer;
  /** https://host:port as the client addressed us, for absolute links (nextLink, webUrl). */
  baseUrl: string;
  /**
   * The same server under another host name, for the upload URLs it mints: real ones point at
   * SharePoint, not Graph, so the SDK sends no bearer token there; here `localhost` and the
   * loopback address stand for the two hosts.
   */
  uploadBaseUrl: string;
  ids: RequestIds;
}

export interface SimResponse {
  status: number;
  headers?: Record<string, string>;
  /** JSON body; absent for 204. */
  body?: unknown;
  /** Non-JSON body (file content, plain text). */
  raw?: { data: Buffer; contentType: string };
}

export const json = (
  status: number,
  body: unknown,
  headers?: Record<string, string>,
): SimResponse => ({
  status,
  body,
  ...(headers ? { headers } : {}),
});

export const noContent = (): SimResponse => ({ status: 204 });

export function header(req: SimRequest, name: string): string | undefined {
  const v = req.headers[name.toLowerCase()];
  return Array.isArray(v) ? v.join(', ') : v;
}

/** Real Graph's answer to an unreadable body; handlers never see malformed JSON. */
export function jsonBody(req: SimRequest): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(req.body.toString('utf8'));
  } catch {
    parsed = undefined;
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new GraphError(
      400,
      'BadRequest',
      'Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format.',
    );
  }
  return parsed as Record<string, unknown>;
}

/**
 * Reads the whole body, keeping at most `cap` bytes; the rest is drained (not buffered) so the
 * client still gets its 413 instead of a reset connection. Resolves null when the cap was passed.
 */
export function readBody(req: IncomingMessage, cap: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = Number(req.headers['content-length'] ?? 0) > cap;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > cap) tooLarge = true;
      if (!tooLarge) chunks.push(chunk);
    });
    let ended = false;
    req.on('end', () => {
      ended = true;
      resolve(tooLarge ? null : Buffer.concat(chunks));
    });
    req.on('error', reject);
    // A client that goes away mid-body must not leave the request pending forever.
    req.on('close', () => {
      if (!ended) reject(new Error('client closed the connection before the body ended'));
    });
  });
}

export function writeResponse(res: ServerResponse, r: SimResponse, ids: RequestIds): void {
  const headers: Record<string, string> = {
    'request-id': ids.requestId,
    'client-request-id': ids.clientRequestId,
    ...r.headers,
  };
  let payload: Buffer | undefined;
  if (r.raw) {
    headers['content-type'] = r.raw.contentType;
    payload = r.raw.data;
  } else if (r.body !== undefined) {
    headers['content-type'] = GRAPH_JSON;
    headers['odata-version'] = '4.0';
    payload = Buffer.from(JSON.stringify(r.body), 'utf8');
  }
  if (payload) headers['content-length'] = String(payload.length);
  res.writeHead(r.status, headers);
  res.end(payload);
}
