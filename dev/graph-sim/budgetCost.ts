/**
 * What one Graph request costs in SharePoint resource units (docs/graph.md "Throttling"):
 * a single-item read or a file download 1, a multi-item query (a collection) 2, a create, update,
 * delete or upload 2, anything expanding permissions 5. A `$batch` envelope costs nothing: its
 * requests are charged one by one as they run.
 */

/** Route templates (routes.ts names) whose GET answers a collection. */
const COLLECTION = /\/(lists|columns|items|drives|children)$/;

/**
 * Exchange (mailboxes, mail change subscriptions) has limits of its own (mail/gate.ts: 4 requests in
 * flight per mailbox) and spends none of SharePoint's resource units.
 */
const EXCHANGE = /^\/(users|subscriptions)\b/;

export function costOf(
  method: string,
  routeName: string | undefined,
  query: URLSearchParams,
): number {
  const template = routeName?.slice(routeName.indexOf(' ') + 1) ?? '';
  if (EXCHANGE.test(template)) return 0;
  const expand = query.get('$expand') ?? query.get('expand') ?? '';
  if (/\bpermissions\b/i.test(expand)) return 5;
  if (method !== 'GET') return 2;
  return COLLECTION.test(template) ? 2 : 1;
}

/** An upload URL: a fragment (PUT) is an upload, 2; reading or cancelling the session 1 and 2. */
export function uploadCost(method: string): number {
  return method === 'GET' ? 1 : 2;
}
