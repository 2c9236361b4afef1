/**
 * What the two endpoints Graph calls for a connected mailbox share (mailboxNotify.ts,
 * mailboxLifecycle.ts): the validation handshake, a bounded JSON body, and an answer within
 * Graph's 3 seconds, because the use case behind them only checks and enqueues.
 * Anonymous: Graph cannot send a function key; each notification's clientState, checked by the
 * use case, is the credential.
 */
import type { HttpRequest, HttpResponseInit } from '@azure/functions';

import { errorCode } from '../lib/errors';
import { readRequestBody } from '../lib/httpBody';
import type { FunctionDefinition } from './definition';
import { loadMailbox } from './mailboxLoad';

// A notification batch is small JSON (Graph sends few items per POST); anything bigger is not one.
const MAX_BODY_BYTES = 1024 * 1024;
// Graph's validation tokens are short opaque strings; a longer one is not Graph's.
const MAX_TOKEN_CHARS = 4096;

type Accept = (
  body: unknown,
  mailbox: Awaited<ReturnType<typeof loadMailbox>>,
) => Promise<{ status: 202 | 400; queued: number }>;

const error = (status: number, message: string): HttpResponseInit => ({
  status,
  jsonBody: { error: message },
});

/**
 * Graph proves the URL is ours by sending `validationToken` and expecting it back as plain text
 * within 10 s; answered before anything is loaded, so a cold start does not miss it.
 */
function validation(token: string): HttpResponseInit {
  if (token.length > MAX_TOKEN_CHARS) return error(400, 'validation token too long');
  return {
    status: 200,
    headers: { 'content-type': 'text/plain; charset=utf-8', 'x-content-type-options': 'nosniff' },
    body: token,
  };
}

/** The body as JSON, or the answer that refuses it. */
async function jsonBody(request: HttpRequest): Promise<{ value: unknown } | HttpResponseInit> {
  const body = await readRequestBody(request, MAX_BODY_BYTES);
  if (!body.ok) return error(413, `notification bodies are limited to ${MAX_BODY_BYTES} bytes`);
  try {
    return { value: JSON.parse(body.bytes.toString('utf8')) as unknown };
  } catch {
    return error(400, 'the body is not JSON');
  }
}

function handler(accept: Accept) {
  return async (request: HttpRequest): Promise<HttpResponseInit> => {
    const token = request.query.get('validationToken');
    if (token !== null) return validation(token);
    const body = await jsonBody(request);
    if (!('value' in body)) return body;
    let result: { status: 202 | 400; queued: number };
    try {
      result = await accept(body.value, await loadMailbox());
    } catch (err) {
      // The queue is unreachable: Graph retries a notification that got no 2xx, and the
      // mailbox's catch-up finds what it still misses.
      return {
        ...error(503, `notifications not queued (${errorCode(err)})`),
        headers: { 'retry-after': '30' },
      };
    }
    if (result.status === 400) return error(400, 'the body is not a Graph notification');
    return { status: 202 };
  };
}

export function webhook(name: string, route: string, accept: Accept): FunctionDefinition {
  return {
    name,
    trigger: 'http',
    options: { methods: ['POST'], authLevel: 'anonymous', route, handler: handler(accept) },
  };
}
