/**
 * The HTTP trigger: `/<routePrefix>/<route or name>` to the function whose route and methods
 * match, the function key checked as Azure does for authLevel function/admin, a real HttpRequest
 * and InvocationContext built for the handler, its response written back.
 *
 * Body cap: the host buffers at most min(100 MiB, MAIL_MAX_BYTES + 1 MiB) and answers 413 itself
 * above that. 100 MiB is the Functions front end's own request limit; the 1 MiB margin lets a mail
 * just over MAIL_MAX_BYTES reach the handler, so the function's own 413 is what local tests see.
 */
import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';

import { type HttpFunctionOptions, type HttpMethod, HttpRequest } from '@azure/functions';

import { positiveInt } from '../../lib/config';
import { ConfigError } from '../../lib/errors';
import { type KeyKind, type Runner, adminApi } from './adminApi';
import { carriesMasterKey, isDisabled } from './disabled';
import { BodyTooLarge, readBody, sendError, toResponse, writeResponse } from './httpIo';
import { type HostLogger, type InFlight, invoke, newContext } from './invocation';
import { givenKey, keyMatches } from './keys';
import { type RouteMatcher, compileRoute } from './routes';

const AZURE_MAX_REQUEST_BYTES = 100 * 1024 * 1024;
const MARGIN_BYTES = 1024 * 1024;

export interface HttpFunction {
  name: string;
  options: HttpFunctionOptions;
}

interface Route {
  fn: HttpFunction;
  methods: ReadonlySet<string>;
  match: RouteMatcher;
  /** Literal routes win over parameterised ones, catch-alls come last (ASP.NET precedence). */
  rank: number;
}

export function requestBodyLimit(settings: Record<string, string>): number {
  const maxMail = positiveInt(settings, 'MAIL_MAX_BYTES', 35 * 1024 * 1024, 150 * 1024 * 1024);
  return Math.min(AZURE_MAX_REQUEST_BYTES, maxMail + MARGIN_BYTES);
}

function compile(fn: HttpFunction, routePrefix: string): Route {
  const template = fn.options.route ?? fn.name;
  const segments = template.split('/');
  const literals = segments.filter((s) => !s.includes('{')).length;
  const catchAll = segments.some((s) => s.startsWith('{*'));
  return {
    fn,
    methods: new Set(
      (fn.options.methods ?? (['GET', 'POST'] as HttpMethod[])).map((m) => m.toUpperCase()),
    ),
    match: compileRoute(routePrefix, template),
    rank: (catchAll ? 0 : 1000) + literals,
  };
}

function headersOf(req: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headersDistinct)) {
    if (value) headers[name] = value.join(name === 'cookie' ? '; ' : ', ');
  }
  return headers;
}

export interface HttpTriggerOptions {
  functions: readonly HttpFunction[];
  routePrefix: string;
  settings: Record<string, string>;
  logger: HostLogger;
  inFlight: InFlight;
  /** The timers `POST /admin/functions/{name}` may run now, by function name. */
  runners?: ReadonlyMap<string, Runner>;
}

export function createHttpTrigger(opts: HttpTriggerOptions): Server {
  const { logger, inFlight, settings } = opts;
  const routes = opts.functions.map((fn) => compile(fn, opts.routePrefix));
  routes.sort((a, b) => b.rank - a.rank);
  const functionKey = settings.LOCAL_FUNCTION_KEY?.trim() ?? '';
  const keyed = opts.functions.find((f) => (f.options.authLevel ?? 'anonymous') !== 'anonymous');
  if (keyed && !functionKey) {
    throw new ConfigError(
      'LOCAL_FUNCTION_KEY',
      `is required: function '${keyed.name}' needs a key`,
    );
  }
  const bodyLimit = requestBodyLimit(settings);
  // The master key passes wherever the function key does, as in Azure.
  const keyOf = (req: IncomingMessage, url: URL): KeyKind => {
    if (carriesMasterKey(settings, req, url)) return 'master';
    return functionKey !== '' && keyMatches(givenKey(req, url), functionKey) ? 'function' : 'none';
  };
  const admin = adminApi(opts.runners ?? new Map(), keyOf);

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = (req.method ?? 'GET').toUpperCase();
    const url = URL.canParse(req.url ?? '/', `http://${req.headers.host ?? 'localhost'}`)
      ? new URL(req.url ?? '/', `http://${req.headers.host ?? 'localhost'}`)
      : undefined;
    if (!url) {
      sendError(res, 400, 'bad_request', 'the request URL or Host header cannot be read');
      return;
    }
    if (admin(req, res, url)) return;
    const key = keyOf(req, url);
    // A disabled function has no route, except for a request with the master key.
    const candidates = routes
      .filter((route) => key === 'master' || !isDisabled(settings, route.fn.name))
      .map((route) => ({ route, params: route.match(url.pathname) }))
      .filter((c) => c.params !== undefined);
    // Azure answers 404, not 405, when the route exists but not for this method.
    const hit = candidates.find((c) => c.route.methods.has(method));
    if (!hit?.params) {
      sendError(res, 404, 'not_found', `no function serves ${method} ${url.pathname}`);
      return;
    }
    const { fn } = hit.route;
    if ((fn.options.authLevel ?? 'anonymous') !== 'anonymous') {
      if (key === 'none') {
        sendError(res, 401, 'unauthorized', 'a valid function key is required');
        return;
      }
    }
    let body: Buffer;
    try {
      body = await readBody(req, bodyLimit);
    } catch (err) {
      if (!(err instanceof BodyTooLarge)) throw err;
      sendError(res, 413, 'payload_too_large', `request bodies are limited to ${bodyLimit} bytes`);
      req.resume(); // discard the rest so the client can read the answer
      return;
    }
    const request = new HttpRequest({
      method,
      url: url.toString(),
      headers: headersOf(req),
      params: hit.params,
      body: { bytes: body },
    });
    const { authLevel, methods, route } = fn.options;
    const trigger = { type: 'httpTrigger' as const, name: 'request', authLevel, methods, route };
    const context = newContext(fn.name, trigger, logger);
    const reason = `This function was programmatically called via the host APIs.`;
    const outcome = await invoke(context, reason, logger, async () =>
      toResponse(await fn.options.handler(request, context)),
    );
    if (!outcome.ok) {
      sendError(res, 500, 'internal', 'the function failed; see the host log', {
        invocationId: context.invocationId,
      });
      return;
    }
    await writeResponse(req, res, outcome.value as ReturnType<typeof toResponse>);
  }

  return createServer((req, res) => {
    // Tracked from the first byte, so a graceful stop also waits for bodies being written back.
    inFlight
      .track(() => handle(req, res))
      .catch((err: unknown) => {
        logger('error', `http: ${err instanceof Error ? err.message : String(err)}`);
        sendError(res, 500, 'internal', 'the host failed to handle the request');
      });
  });
}
