import type { HttpRequest, HttpResponseInit } from '@azure/functions';

import { getDeps } from '../lib/deps';
import { acceptMail } from '../lib/inbound';
import type { FunctionDefinition } from './definition';

/** POST /api/inbound?recipient=<envelope recipient>, body: the raw mail (message/rfc822). */
export async function inbound(request: HttpRequest): Promise<HttpResponseInit> {
  const deps = getDeps();
  // Refuse an oversized mail from its declared length before reading a byte of it.
  const declared = Number(request.headers.get('content-length') ?? '0');
  if (declared > deps.config.maxMailBytes) {
    return {
      status: 413,
      jsonBody: { error: `mail larger than ${deps.config.maxMailBytes} bytes` },
    };
  }
  const raw = Buffer.from(await request.arrayBuffer());
  const recipient = request.query.get('recipient') ?? undefined;
  const result = await acceptMail(raw, recipient, {
    ...deps,
    maxMailBytes: deps.config.maxMailBytes,
  });
  if (result.status === 202) return { status: 202, jsonBody: { id: result.id } };
  const headers: Record<string, string> = result.status === 503 ? { 'retry-after': '30' } : {};
  return { status: result.status, headers, jsonBody: { error: result.error } };
}

export const inboundFunction: FunctionDefinition = {
  name: 'inbound',
  trigger: 'http',
  options: { methods: ['POST'], authLevel: 'function', route: 'inbound', handler: inbound },
};
