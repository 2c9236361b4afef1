/**
 * The two error vocabularies the simulator speaks: Graph's OData envelope for /v1.0 (and the admin
 * API, for one shape to parse) and Entra's OAuth error for the token endpoint. Handlers throw these;
 * the server turns anything else into a 500 envelope, so bad input never crashes the process.
 */
import { randomUUID } from 'node:crypto';

export interface RequestIds {
  requestId: string;
  clientRequestId: string;
}

export class GraphError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
    /** SharePoint throttling puts its own code inside innerError (docs/graph.md "Throttling"). */
    readonly innerCode?: string,
  ) {
    super(message);
    this.name = 'GraphError';
  }
}

export const badRequest = (message: string): GraphError =>
  new GraphError(400, 'invalidRequest', message);

export const notFound = (message: string): GraphError =>
  new GraphError(404, 'itemNotFound', message);

export const siteNotFound = (): GraphError => notFound('Requested site could not be found');

export const accessDenied = (): GraphError =>
  new GraphError(
    403,
    'accessDenied',
    'Access denied. You do not have permission to perform this action or access this resource.',
  );

export const notRecognized = (field: string): GraphError =>
  badRequest(`Field '${field}' is not recognized`);

/** Graph's innerError.date carries no time zone, e.g. 2025-02-13T10:17:05. */
function graphDate(now = new Date()): string {
  return now.toISOString().slice(0, 19);
}

export function graphErrorBody(err: GraphError, ids: RequestIds): object {
  return {
    error: {
      code: err.code,
      message: err.message,
      innerError: {
        ...(err.innerCode ? { code: err.innerCode } : {}),
        date: graphDate(),
        'request-id': ids.requestId,
        'client-request-id': ids.clientRequestId,
      },
    },
  };
}

/** An Entra token endpoint refusal; `aadsts` is the number after "AADSTS" in the description. */
export class TokenError extends Error {
  constructor(
    readonly status: number,
    readonly error: string,
    readonly aadsts: number,
    readonly description: string,
  ) {
    super(`AADSTS${aadsts}: ${description}`);
    this.name = 'TokenError';
  }
}

export function tokenErrorBody(err: TokenError, correlationId: string): object {
  const now = new Date();
  const traceId = randomUUID();
  // Entra's timestamp format in the description: "2016-01-09 02:02:12Z".
  const stamp = `${now.toISOString().slice(0, 10)} ${now.toISOString().slice(11, 19)}Z`;
  return {
    error: err.error,
    error_description: `${err.message}\r\nTrace ID: ${traceId}\r\nCorrelation ID: ${correlationId}\r\nTimestamp: ${stamp}`,
    error_codes: [err.aadsts],
    timestamp: stamp,
    trace_id: traceId,
    correlation_id: correlationId,
    error_uri: `https://login.microsoftonline.com/error?code=${err.aadsts}`,
  };
}
