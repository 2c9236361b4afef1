/**
 * The Functions host's admin API for running a non-HTTP function now: `POST /admin/functions/{name}`
 * with the key in `x-functions-key` and `{"input": "..."}` as the body answers 202 and starts the
 * function, as the Azure portal's Test/Run does. An operator (or a test) runs a timer this way
 * instead of waiting for its schedule. Only timers are emulated; their input is ignored, as the
 * real host ignores it. Outside the route prefix, like the real host's /admin paths.
 *
 * Keys: Azure's /admin takes the master key only. Here the master key (`LOCAL_MASTER_KEY`) runs
 * any timer, and the function key still runs an enabled one, as every local caller did before
 * there was a master key. A disabled timer (dev/host/disabled.ts) runs with the master key only;
 * the function key gets 404, as Azure answers any other key for a disabled function.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

import { sendError } from './httpIo';

/** A function that can be run on request: started, not awaited (the caller gets its 202 first). */
export interface Runner {
  run: () => void;
  /** Its `AzureWebJobs.<name>.Disabled` setting is on: only the master key runs it. */
  disabled: boolean;
}

/** Which of the host's keys a request carries. */
export type KeyKind = 'master' | 'function' | 'none';

const ROUTE = /^\/admin\/functions\/([^/]+)\/?$/i;

/** Serves the admin route; false when `path` is not it, so the function routes are tried. */
export function adminApi(
  runners: ReadonlyMap<string, Runner>,
  keyOf: (req: IncomingMessage, url: URL) => KeyKind,
) {
  return (req: IncomingMessage, res: ServerResponse, url: URL): boolean => {
    const name = ROUTE.exec(url.pathname)?.[1];
    if (name === undefined) return false;
    req.resume(); // the input is not used: discard the body
    if ((req.method ?? '').toUpperCase() !== 'POST') {
      sendError(res, 405, 'method_not_allowed', 'the admin API runs a function with POST');
      return true;
    }
    const key = keyOf(req, url);
    const runner = [...runners].find(([n]) => n.toLowerCase() === name.toLowerCase())?.[1];
    if (key === 'none') {
      sendError(res, 401, 'unauthorized', 'a valid key is required for /admin');
    } else if (!runner || (runner.disabled && key !== 'master')) {
      sendError(res, 404, 'not_found', `no timer function '${name}' to run`);
    } else {
      runner.run();
      res.writeHead(202).end();
    }
    return true;
  };
}
