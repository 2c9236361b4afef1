/**
 * Graph v1.0 as the server and `$batch` both reach it: one request through the route table with
 * the request statistics, the fault knob and the caller's token, in that order (a throttled call
 * still counts, and real Graph throttles before it looks at the token), then the resource-unit
 * budget of the caller's app and tenant (budget.ts), which needs the token. A batch verifies its
 * own token once and runs each of its requests through the same path with that caller.
 */
import type { AdminDeps } from './admin';
import type { Claims, TokenService } from './auth';
import { runBatch } from './batch';
import { costOf } from './budgetCost';
import { GraphError, type RequestIds, graphErrorBody } from './errors';
import { type SimRequest, type SimResponse, header, json } from './http';
import { type RouteMatch, matchRoute } from './routes';

export interface GraphDeps extends AdminDeps {
  tokens: TokenService;
}

export const GRAPH_PREFIX = '/v1.0';

/** Any failure as an answer: Graph's envelope, or a 500 envelope for a simulator bug. */
export function errorResponse(err: unknown, ids: RequestIds): SimResponse {
  if (err instanceof GraphError) return json(err.status, graphErrorBody(err, ids), err.headers);
  console.error(
    `graph-sim: internal error ${ids.requestId}: ${err instanceof Error ? err.message : String(err)}`,
  );
  const e = new GraphError(500, 'generalException', 'An unexpected error occurred.');
  return json(500, graphErrorBody(e, ids));
}

async function route(
  deps: GraphDeps,
  req: SimRequest,
  caller: () => Promise<Claims>,
): Promise<SimResponse> {
  const sub = req.path.slice(GRAPH_PREFIX.length) || '/';
  let match: RouteMatch | undefined;
  let matchError: unknown;
  try {
    match = matchRoute(req.method, sub);
  } catch (err) {
    matchError = err;
  }
  // Every Graph call counts, throttled and failed ones included (they count against the budget too).
  deps.stats.record(match?.name ?? `${req.method} (unmatched)`);
  const fault = deps.faults.next(req.method, sub);
  if (fault) throw await deps.faults.answer(fault);
  const claims = await caller();
  if (matchError) throw matchError;
  if (!match) {
    const segment = sub.split('/').filter(Boolean).pop() ?? '';
    throw new GraphError(400, 'BadRequest', `Resource not found for the segment '${segment}'.`);
  }
  const cost = costOf(req.method, match.name, req.query);
  const rateLimit = cost > 0 ? deps.budget.charge(claims, cost) : undefined;
  const res = await match.handler({ req, store: deps.store, claims, params: match.params });
  return rateLimit ? { ...res, headers: { ...res.headers, ...rateLimit } } : res;
}

/** A request below /v1.0. */
export async function handleGraph(req: SimRequest, deps: GraphDeps): Promise<SimResponse> {
  const verify = (): Promise<Claims> => deps.tokens.verify(header(req, 'authorization'));
  if (req.method !== 'POST' || req.path !== `${GRAPH_PREFIX}/$batch`) {
    return await route(deps, req, verify);
  }
  // Graph throttles a batch's requests one by one, never the envelope (docs/graph.md "JSON
  // batching"): the fault knob is not asked here, only for each request inside.
  deps.stats.record('POST /$batch');
  const claims = await verify();
  const res = await runBatch(req, async (one) => {
    try {
      return await route(deps, one, async () => claims);
    } catch (err) {
      return errorResponse(err, one.ids);
    }
  });
  // Unverified: whether SharePoint puts RateLimit headers on the envelope is not documented; the
  // budget's state after the batch is put there so a client pacing on headers sees batches too.
  const rateLimit = deps.budget.headers(claims);
  return rateLimit ? { ...res, headers: { ...res.headers, ...rateLimit } } : res;
}
