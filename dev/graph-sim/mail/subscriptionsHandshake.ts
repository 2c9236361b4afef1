/**
 * The validation handshake Graph runs before it creates a subscription: a POST to the endpoint
 * with `?validationToken=…`, which must answer within 10 seconds with 200, `text/plain` and the
 * decoded token as the whole body. Anything else fails the creation with 400 `ValidationError`.
 */
import { randomUUID } from 'node:crypto';

import { GraphError } from '../errors';

const HANDSHAKE_TIMEOUT_MS = 10_000;

const validationError = (message: string): GraphError =>
  new GraphError(400, 'ValidationError', message);

/** The URL Graph calls: the token URL-encoded and appended to whatever query the URL has. */
export function withQuery(url: string, name: string, value: string): string {
  const u = new URL(url);
  const joiner = u.search ? '&' : '?';
  return `${u.origin}${u.pathname}${u.search}${joiner}${name}=${encodeURIComponent(value)}`;
}

export async function validateEndpoint(url: string): Promise<void> {
  // Real tokens hold spaces and colons, so an endpoint that echoes the raw query fails here too.
  const token = `Validation: Testing client application reachability for subscription Request-Id: ${randomUUID()}`;
  let status: number;
  let type: string;
  let text: string;
  try {
    const res = await fetch(withQuery(url, 'validationToken', token), {
      method: 'POST',
      headers: { 'content-type': 'text/plain; charset=utf-8' },
      body: '',
      signal: AbortSignal.timeout(HANDSHAKE_TIMEOUT_MS),
    });
    status = res.status;
    type = res.headers.get('content-type') ?? '';
    text = await res.text();
  } catch (err) {
    const timedOut = err instanceof Error && err.name === 'TimeoutError';
    throw validationError(
      timedOut
        ? 'Subscription validation request timeout.'
        : 'Subscription validation request failed. Notification endpoint must respond with 200 OK to validation request.',
    );
  }
  if (status !== 200) {
    throw validationError(
      `Subscription validation request failed. Notification endpoint must respond with 200 OK to validation request. Response status code: ${status}.`,
    );
  }
  if (!/^text\/plain\b/i.test(type)) {
    throw validationError(
      'Subscription validation request failed. Response must have the content type text/plain.',
    );
  }
  if (text !== token) {
    throw validationError(
      'Subscription validation request failed. Response must exactly match validationToken query parameter.',
    );
  }
}
