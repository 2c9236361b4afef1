/**
 * The Functions host's admin API for running a non-HTTP function now: `POST /admin/functions/{name}`
 * with the key in `x-functions-key` and `{"input": "..."}` as the body answers 202 and starts the
 * function, as the Azure portal's Test/Run does. An operator (or a test) runs a timer this way
 * instead of waiting for its schedule. Only timers are emulated; their input is ignored, as the
 * real host ignores it. Outside the route prefix, like the real host's /admin paths.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

import { sendError } from './httpIo';

/** A function that can be run on request: started, not awaited (the caller gets its 202 first). */
export type RunNow = () => void;

const ROUTE = /^\/admin\/functions\/([^/]+)\/?$/i;

/**
 * Serves the admin route; false when `path` is not it, so the function routes are tried.
 * `authorised` checks the request's key as the host checks function keys.
 */
export function adminApi(
  runners: ReadonlyMap<string, RunNow>,
  authorised: (req: IncomingMessage, url: URL) => boolean,
) {
  return (req: IncomingMessage, res: ServerResponse, url: URL): boolean => {
    const name = ROUTE.exec(url.pathname)?.[1];
    if (name === undefined) return false;
    req.resume(); // the input is not used: discard the body
    if ((req.method ?? '').toUpperCase() !== 'POST') {
      sendError(res, 405, 'method_not_allowed', 'the admin API runs a function with POST');
    } else if (!authorised(req, url)) {
      sendError(res, 401, 'unauthorized', 'a valid key is required for /admin');
    } else {
      const run = [...runners].find(([n]) => n.toLowerCase() === name.toLowerCase())?.[1];
      if (!run) sendError(res, 404, 'not_found', `no timer function '${name}' to run`);
      else {
        run();
        res.writeHead(202).end();
      }
    }
    return true;
  };
}
