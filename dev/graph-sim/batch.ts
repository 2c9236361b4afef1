/**
 * `POST /$batch` (docs/graph.md "JSON batching"): each request runs through the same routes as a
 * direct call, with the batch's caller, in array order; a request whose dependency failed gets
 * 424 without running. The envelope is 200 whatever the requests answered; each answer carries its
 * own status, headers (Retry-After when throttled) and body (JSON, or base64 for other media).
 */
import { randomUUID } from 'node:crypto';

import { type BatchStep, parseBatch } from './batchPayload';
import { GraphError, graphErrorBody } from './errors';
import { GRAPH_JSON, type SimRequest, type SimResponse, json } from './http';

/** Echoed into headers and error bodies: short and printable, as the server requires too. */
const SAFE_ID = /^[\x21-\x7e]{1,128}$/;

export type RunOne = (req: SimRequest) => Promise<SimResponse>;

interface BatchAnswer {
  id: string;
  status: number;
  headers: Record<string, string>;
  body?: unknown;
}

/** Header names as Graph writes them inside a batch answer (`Retry-After`, `Content-Type`). */
const SPELLING: Record<string, string> = {
  'odata-version': 'OData-Version',
  'www-authenticate': 'WWW-Authenticate',
  etag: 'ETag',
};
const spell = (name: string): string =>
  SPELLING[name] ??
  name.replace(/(^|-)([a-z])/g, (_m, dash: string, c: string) => dash + c.toUpperCase());

function subRequest(batch: SimRequest, step: BatchStep): SimRequest {
  const requestId = randomUUID();
  const sent = step.headers['client-request-id'];
  return {
    method: step.method,
    path: `/v1.0${step.url.pathname}`,
    query: step.url.searchParams,
    // The batch's token is the caller of every request in it.
    headers: { ...step.headers, authorization: batch.headers.authorization },
    body: step.body,
    baseUrl: batch.baseUrl,
    uploadBaseUrl: batch.uploadBaseUrl,
    ids: { requestId, clientRequestId: sent && SAFE_ID.test(sent) ? sent : requestId },
  };
}

function answerOf(id: string, r: SimResponse): BatchAnswer {
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(r.headers ?? {})) headers[spell(k.toLowerCase())] = v;
  if (r.raw) {
    headers['Content-Type'] = r.raw.contentType;
    return { id, status: r.status, headers, body: r.raw.data.toString('base64') };
  }
  if (r.body === undefined) return { id, status: r.status, headers };
  headers['Content-Type'] = GRAPH_JSON;
  return { id, status: r.status, headers, body: r.body };
}

function failedDependency(dependency: string): SimResponse {
  const err = new GraphError(
    424,
    'FailedDependency', // unverified wording; the status is documented
    `The request depends on request ${dependency}, which failed.`,
  );
  const requestId = randomUUID();
  return json(424, graphErrorBody(err, { requestId, clientRequestId: requestId }));
}

export async function runBatch(batch: SimRequest, run: RunOne): Promise<SimResponse> {
  const steps = parseBatch(batch);
  const failed = new Set<string>();
  const answers: BatchAnswer[] = [];
  for (const step of steps) {
    const dependency = step.dependsOn.find((d) => failed.has(d.toLowerCase()));
    const res =
      dependency === undefined ? await run(subRequest(batch, step)) : failedDependency(dependency);
    if (res.status >= 400) failed.add(step.id.toLowerCase());
    answers.push(answerOf(step.id, res));
  }
  // Graph may answer in any order; answering in reverse makes a client that pairs answers with
  // requests by position fail here rather than in production.
  return json(200, { responses: answers.reverse() });
}
