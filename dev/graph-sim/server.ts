/**
 * The SharePoint/Entra Graph simulator: one HTTPS server (MSAL refuses non-https authorities, and
 * the Graph SDK only sends tokens to https hosts) serving Entra's token endpoints, Graph v1.0 under
 * /v1.0 (with $batch), the pre-authenticated upload URLs of upload sessions under /upload-sessions
 * and a local admin API under /_admin. Every failure becomes an error envelope; nothing a
 * client sends can crash it.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';

import { Stats, handleAdmin } from './admin';
import { TokenService } from './auth';
import { Budget } from './budget';
import { handleEntra } from './entra';
import { GraphError } from './errors';
import { type FaultConfig, Faults } from './faults';
import { GRAPH_PREFIX, type GraphDeps, errorResponse, handleGraph } from './graph';
import {
  MAX_FRAGMENT_BYTES,
  MAX_JSON_BYTES,
  MAX_UPLOAD_BYTES,
  type SimRequest,
  type SimResponse,
  readBody,
  writeResponse,
} from './http';
import { Notifications } from './mail/notifications';
import { Store } from './state';
import { UPLOAD_PATH, handleUploadUrl, uploadOrigin } from './uploads';
import { ATTACHMENT_UPLOAD_PATH, handleAttachmentUpload } from './mail/draftsUpload';

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
  /** How long an upload session lives after its last fragment (default 3600). */
  uploadSessionLifetimeSeconds?: number;
}

export interface GraphSimulator {
  /** https://localhost:PORT: the authorityHost for @azure/identity and the Graph client's baseUrl. */
  url: string;
  close(): Promise<void>;
}

/** Echoed ids are copied into response headers: keep them short and printable. */
const SAFE_ID = /^[\x21-\x7e]{1,128}$/;
const SAFE_HOST = /^(?:[\w.-]+|\[[\da-fA-F:]+\])(?::\d{1,5})?$/;
/** How long an idle keep-alive connection stays open: far past any client's own idle limit. */
const IDLE_CONNECTION_MS = 65_000;

/** The body a request may carry: file content, an upload fragment, or JSON. */
function bodyCap(method: string, path: string): number {
  if (method === 'PUT' && path.startsWith(UPLOAD_PATH)) return MAX_FRAGMENT_BYTES;
  // Raw MIME delivered into a simulated mailbox: as large as a file upload.
  if (method === 'POST' && /^\/_admin\/mailboxes\/[^/]+\/deliver$/.test(path))
    return MAX_UPLOAD_BYTES;
  return method === 'PUT' && path.endsWith('/content') ? MAX_UPLOAD_BYTES : MAX_JSON_BYTES;
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
  const budget = new Budget();
  const notifications = new Notifications(store);
  const stats = new Stats();
  const deps: GraphDeps = { store, stats, faults: new Faults(), budget, tokens, notifications };
  if (opts.faults) deps.faults.configure(opts.faults);
  const lifetime = opts.uploadSessionLifetimeSeconds;
  if (lifetime !== undefined) {
    if (!(lifetime > 0 && lifetime <= 7 * 24 * 3600))
      throw new Error(`uploadSessionLifetimeSeconds must be from 0 to one week, got ${lifetime}`);
    store.uploads.lifetimeMs = lifetime * 1000;
  }
  let origin = '';
  let loopback = '';

  async function dispatch(req: SimRequest): Promise<SimResponse> {
    if (req.path === '/_admin' || req.path.startsWith('/_admin/')) return handleAdmin(req, deps);
    if (req.path === GRAPH_PREFIX || req.path.startsWith(`${GRAPH_PREFIX}/`)) {
      return await handleGraph(req, deps);
    }
    if (req.path.startsWith(UPLOAD_PATH)) return handleUploadUrl(req, deps);
    if (req.path.startsWith(ATTACHMENT_UPLOAD_PATH)) return handleAttachmentUpload(req, deps);
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
      const cap = bodyCap(method, url.pathname);
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
        uploadBaseUrl: uploadOrigin(baseUrl, loopback),
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
  // Idle connections stay open longer than any client keeps them (Graph's front ends do too):
  // with Node's 5 s the server could close one just as a busy client sent a POST on it.
  server.keepAliveTimeout = IDLE_CONNECTION_MS;
  server.headersTimeout = IDLE_CONNECTION_MS + 1_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    // localhost only: the admin API has no authentication.
    server.listen(opts.port, 'localhost', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const bound = server.address() as AddressInfo;
  origin = `https://localhost:${bound.port}`;
  // The address `localhost` resolved to, as the other host name upload URLs point at.
  loopback = bound.address.includes(':') ? `[${bound.address}]` : bound.address;

  let closing: Promise<void> | undefined;
  return {
    url: origin,
    close() {
      notifications.close();
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }).then(() => store.flush());
      return closing;
    },
  };
}
