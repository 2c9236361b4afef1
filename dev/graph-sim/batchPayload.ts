/**
 * The `$batch` payload as Graph validates it before running anything (docs/graph.md "JSON
 * batching", openapi batch.request): at most 20 requests, ids unique (case-insensitively), a body
 * only with a Content-Type, `dependsOn` naming requests earlier in the array. Any of these wrong
 * is a 400 for the whole batch; exact wordings are unverified.
 */
import { GraphError } from './errors';
import { type SimRequest, jsonBody } from './http';

/** Graph's limit, and the SDK's BatchRequestContent.requestLimit. */
export const MAX_BATCH_REQUESTS = 20;

const METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD']);
const BASE64 = /^[A-Za-z0-9+/_-]*={0,2}$/;

export interface BatchStep {
  id: string;
  method: string;
  /** Relative to /v1.0, with its query: `/sites/{id}/lists?$filter=...`. */
  url: URL;
  /** Lower-cased names. */
  headers: Record<string, string>;
  body: Buffer;
  dependsOn: string[];
}

const invalid = (message: string): GraphError => new GraphError(400, 'BadRequest', message);

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function headersOf(raw: unknown, id: string): Record<string, string> {
  if (raw === undefined) return {};
  if (!isObject(raw) || !Object.values(raw).every((v) => typeof v === 'string')) {
    throw invalid(`The headers of request ${id} must be an object of strings.`);
  }
  return Object.fromEntries(Object.entries(raw).map(([k, v]) => [k.toLowerCase(), String(v)]));
}

/** JSON bodies travel as JSON; any other media type as a base64 string (Graph's rule). */
function bodyOf(raw: unknown, contentType: string | undefined, id: string): Buffer {
  if (raw === undefined) return Buffer.alloc(0);
  if (contentType === undefined) {
    throw invalid(`Request ${id} has a body but no Content-Type header.`);
  }
  if (/^application\/json\b/i.test(contentType)) return Buffer.from(JSON.stringify(raw), 'utf8');
  if (typeof raw !== 'string' || !BASE64.test(raw)) {
    throw invalid(`The body of request ${id} must be base64 for Content-Type ${contentType}.`);
  }
  return Buffer.from(raw, 'base64');
}

function urlOf(raw: unknown, id: string): URL {
  // Relative only: the SDK strips scheme and host; an absolute URL is a client bug.
  if (typeof raw !== 'string' || !raw || /^[a-z][a-z0-9+.-]*:\/\//i.test(raw)) {
    throw invalid(`The url of request ${id} must be a relative URL such as /sites/root.`);
  }
  // The prefix keeps a url like "//x" a path instead of a host.
  return new URL(`https://localhost${raw.startsWith('/') ? '' : '/'}${raw}`);
}

function stepOf(raw: unknown, earlier: Set<string>): BatchStep {
  if (!isObject(raw)) throw invalid('Invalid batch payload format.');
  const id = raw.id;
  if (typeof id !== 'string' || !id.trim()) throw invalid('Each request needs a string id.');
  if (earlier.has(id.toLowerCase())) throw invalid(`The request id ${id} is not unique.`);
  const method = typeof raw.method === 'string' ? raw.method.toUpperCase() : '';
  if (!METHODS.has(method)) throw invalid(`Request ${id} has an invalid method.`);
  const headers = headersOf(raw.headers, id);
  const dependsOn = raw.dependsOn ?? [];
  if (
    !Array.isArray(dependsOn) ||
    !dependsOn.every((d) => typeof d === 'string' && earlier.has(d.toLowerCase()))
  ) {
    // Graph runs a batch in array order: a dependency must come earlier (which also rules out cycles).
    throw invalid(`Invalid dependency for request Id ${id}.`);
  }
  return {
    id,
    method,
    url: urlOf(raw.url, id),
    headers,
    body: bodyOf(raw.body, headers['content-type'], id),
    dependsOn: dependsOn as string[],
  };
}

export function parseBatch(req: SimRequest): BatchStep[] {
  const requests = jsonBody(req).requests;
  if (!Array.isArray(requests) || requests.length === 0) {
    throw invalid('Invalid batch payload format.');
  }
  if (requests.length > MAX_BATCH_REQUESTS) {
    throw invalid(
      `The batch has ${requests.length} requests; at most ${MAX_BATCH_REQUESTS} are allowed.`,
    );
  }
  const earlier = new Set<string>();
  return requests.map((raw) => {
    const step = stepOf(raw, earlier);
    earlier.add(step.id.toLowerCase());
    return step;
  });
}
