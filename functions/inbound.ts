import type { HttpRequest, HttpResponseInit } from '@azure/functions';

import { readRequestBody } from '../lib/httpBody';
import { RETRY_AFTER_SECONDS } from '../lib/relays/values';
import type { FunctionDefinition } from './definition';
import { lazy } from './lazy';

const load = lazy(() => Promise.all([import('../lib/deps'), import('../lib/inbound')]));

/** POST /api/inbound?recipient=<envelope recipient>, body: the raw mail (message/rfc822). */
export async function inbound(request: HttpRequest): Promise<HttpResponseInit> {
  const [{ getDeps }, { acceptMail }] = await load();
  const deps = getDeps();
  // An oversized mail is refused from its declared length before a byte is read, and a body
  // without one is refused as soon as it passes the limit.
  const body = await readRequestBody(request, deps.config.maxMailBytes);
  if (!body.ok) {
    return {
      status: 413,
      jsonBody: { error: `mail larger than ${deps.config.maxMailBytes} bytes` },
    };
  }
  const raw = body.bytes;
  const recipient = request.query.get('recipient') ?? undefined;
  const result = await acceptMail(raw, recipient, {
    ...deps,
    maxMailBytes: deps.config.maxMailBytes,
  });
  if (result.status === 202) return { status: 202, jsonBody: { id: result.id } };
  const headers: Record<string, string> =
    result.status === 503 ? { 'retry-after': RETRY_AFTER_SECONDS } : {};
  return { status: result.status, headers, jsonBody: { error: result.error } };
}

export const inboundFunction: FunctionDefinition = {
  name: 'inbound',
  trigger: 'http',
  options: { methods: ['POST'], authLevel: 'function', route: 'inbound', handler: inbound },
};
