/**
 * The `Graph` port (graph.ts) over an SDK client: paths, query options and headers in, plain
 * results out, and every failure mapped once, here, to a PermanentError or TransientError.
 */
import { type Client, ResponseType } from '@microsoft/microsoft-graph-client';

import { abortedError, currentSignal } from '../deadline';
import { readBounded, responseFailure } from '../mailbox/mime';
import { toHelpdeskError } from './errors';
import type { Graph, GraphCall } from './graph';
import { encodeQueryValue } from './odata';

function encodeQuery(query: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(query).map(([k, v]) => [k, encodeQueryValue(v)]));
}

/** Wraps an SDK client in the `Graph` port, mapping every failure once, here. */
export function graphPort(client: Client): Graph {
  const request = (path: string, call: GraphCall) => {
    const req = call.headers ? client.api(path).headers({ ...call.headers }) : client.api(path);
    return call.query ? req.query(encodeQuery(call.query)) : req;
  };
  const mapped = async <T>(call: GraphCall, send: () => Promise<unknown>): Promise<T> => {
    try {
      return (await send()) as T;
    } catch (err) {
      // Whatever the SDK made of a cancelled fetch or sleep, the cause is the stage's deadline.
      const signal = currentSignal();
      throw signal?.aborted ? abortedError(signal.reason) : toHelpdeskError(call.op, err);
    }
  };
  return {
    get: (path, call) => mapped(call, () => request(path, call).get()),
    post: (path, body, call) => mapped(call, () => request(path, call).post(body)),
    patch: (path, body, call) => mapped(call, () => request(path, call).patch(body)),
    put: (path, body, call) => mapped(call, () => request(path, call).put(body)),
    // Graph answers a file's content with a 302 to a pre-authenticated URL; the redirect handler
    // follows it. A raw response comes back whatever its status, so failures are shaped here.
    download: (path, maxBytes, call) =>
      mapped(call, async () => {
        const response = (await request(path, call)
          .responseType(ResponseType.RAW)
          .get()) as Response;
        if (!response.ok) throw await responseFailure(response);
        return readBounded(response, maxBytes);
      }),
  };
}
