/**
 * The SharePoint/Entra Graph simulator: one HTTPS server (MSAL refuses non-https authorities, and
 * the Graph SDK only sends tokens to https hosts) serving Entra's token endpoints, Graph v1.0 under
 * /v1.0 and a local admin API under /_admin. Every failure becomes an error envelope; nothing a
 * client sends can crash it.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';

import { type AdminDeps, Stats, handleAdmin } from './admin';
import { TokenService } from './auth';
import { handleEntra } from './entra';
import { GraphError, type RequestIds, graphErrorBody } from './errors';
import { type FaultConfig, Faults } from './faults';
import {
  MAX_JSON_BYTES,
  MAX_UPLOAD_BYTES,
  type SimRequest,
  type SimResponse,
  header,
  json,
  readBody,
  writeResponse,
} from './http';
import { type RouteMatch, matchRoute } from './routes';
import { Store } from './state';

export interface GraphSimulatorOptions {
  /** 0 picks a free port; the returned url carries the real one. */
  port: number;
  cert: string;
  key: string;
  /** JSON file keeping tenants, lists, items and files across restarts. */
  stateFile?: string;
  clientId: string;
  clientSecret: string;
  faults?: Partial<FaultConfig>;
}

export interface GraphSimulator {
  /** https://localhost:PORT: the authorityHost for @azure/identity and the Graph client's baseUrl. */
  url: string;
  close(): Promise<void>;
}

/** Echoed ids are copied into response headers: keep them short and printable. */
const SAFE_ID = /^[\x21-\x7e]{1,128}$/;
const SAFE_HOST = /^(?:[\w.-]+|\[[\da-fA-F:]+\])(?::\d{1,5})?$/;

function errorResponse(err: unknown, ids: RequestIds): SimResponse {
  if (err instanceof GraphError) return json(err.status, graphErrorBody(err, ids), err.headers);
  console.error(
    `graph-sim: internal error ${ids.requestId}: ${err instanceof Error ? err.message : String(err)}`,
  );
  const e = new GraphError(500, 'generalException', 'An unexpected error occurred.');
  return json(500, graphErrorBody(e, ids));
}

export async function startGraphSimulator(opts: GraphSimulatorOptions): Promise<GraphSimulator> {
  if (!opts.clientId || !opts.clientSecret)
    throw new Error('clientId and clientSecret are required');
  if (!Number.isInteger(opts.port) || opts.port < 0 || opts.port > 65535) {
    throw new Error(`port must be an integer from 0 to 65535, got ${opts.port}`);
  }
  const store = new Store(opts.stateFile);
  const tokens = await TokenService.create(store);
  const app = { clientId: opts.clientId, clientSecret: opts.clientSecret };
  const deps: AdminDeps = { store, stats: new Stats(), faults: new Faults() };
  if (opts.faults) deps.faults.configure(opts.faults);
  let origin = '';

  async function graph(req: SimRequest): Promise<SimResponse> {
    const sub = req.path.slice('/v1.0'.length) || '/';
    let match: RouteMatch | undefined;
    let matchError: unknown;
    try {
      match = matchRoute(req.method, sub);
    } catch (err) {
      matchError = err;
    }
    // Every Graph call counts, throttled and failed ones included (they count against the budget too).
    deps.stats.record(match?.name ?? `${req.method} (unmatched)`);
    const fault = deps.faults.next();
    if (fault) throw fault;
    const claims = await tokens.verify(header(req, 'authorization'));
    if (matchError) throw matchError;
    if (!match) {
      const segment = sub.split('/').filter(Boolean).pop() ?? '';
      throw new GraphError(400, 'BadRequest', `Resource not found for the segment '${segment}'.`);
    }
    return await match.handler({ req, store, claims, params: match.params });
  }

  async function dispatch(req: SimRequest): Promise<SimResponse> {
    if (req.path === '/_admin' || req.path.startsWith('/_admin/')) return handleAdmin(req, deps);
    if (req.path === '/v1.0' || req.path.startsWith('/v1.0/')) return await graph(req);
    const entra = await handleEntra(req, store, app, tokens);
    if (entra) return entra;
    throw new GraphError(404, 'NotFound', 'The requested resource does not exist.');
  }

  async function onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const requestId = randomUUID();
    const sent = req.headers['client-request-id'];
    const ids = {
      requestId,
      clientRequestId: typeof sent === 'string' && SAFE_ID.test(sent) ? sent : requestId,
    };
    try {
      // Prefixing keeps a request target like "//x" a path instead of a host.
      const url = new URL(`https://localhost${req.url ?? '/'}`);
      const method = req.method ?? 'GET';
      const upload = method === 'PUT' && url.pathname.endsWith('/content');
      const cap = upload ? MAX_UPLOAD_BYTES : MAX_JSON_BYTES;
      const body = await readBody(req, cap);
      if (!body)
        throw new GraphError(
          413,
          'requestTooLarge',
          `The request body exceeds the simulator's limit of ${cap} bytes.`,
        );
      const host = req.headers.host;
      const baseUrl = host && SAFE_HOST.test(host) ? `https://${host}` : origin;
      const simReq: SimRequest = {
        method,
        path: url.pathname,
        query: url.searchParams,
        headers: req.headers,
        body,
        baseUrl,
        ids,
      };
      writeResponse(res, await dispatch(simReq), ids);
    } catch (err) {
      if (!res.headersSent) writeResponse(res, errorResponse(err, ids), ids);
      else res.destroy();
    }
  }

  const server = createServer(
    { cert: opts.cert, key: opts.key },
    (req, res) => void onRequest(req, res),
  );
  server.on('clientError', (_err, socket) => socket.destroy());
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    // localhost only: the admin API has no authentication.
    server.listen(opts.port, 'localhost', () => {
      server.off('error', reject);
      resolve();
    });
  });
  origin = `https://localhost:${(server.address() as AddressInfo).port}`;

  let closing: Promise<void> | undefined;
  return {
    url: origin,
    close() {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }).then(() => store.flush());
      return closing;
    },
  };
}
