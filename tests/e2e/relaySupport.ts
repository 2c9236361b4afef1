/**
 * Posting to the relay routes of a test host as each relay does (relayRequests.ts builds the
 * bodies from the providers' documented formats), with the local stack's relay secrets from the
 * example settings.
 */
import { createHash } from 'node:crypto';

import { type RelayBody, mailgun, postmark, sendGrid } from './relayRequests';
import { settings } from './support';

export interface RelayResponse {
  status: number;
  body: Record<string, unknown>;
}

async function send(url: string, form: RelayBody): Promise<RelayResponse> {
  const res = await fetch(url, { method: 'POST', headers: form.headers, body: form.body });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

/** SendGrid's POST to the URL an operator gives it: the function key in `?code=`. */
export function postSendGrid(
  hostUrl: string,
  raw: Buffer,
  opts: Parameters<typeof sendGrid>[1] & { key?: string } = {},
): Promise<RelayResponse> {
  const key = opts.key ?? settings().LOCAL_FUNCTION_KEY ?? '';
  const query = key ? `?code=${encodeURIComponent(key)}` : '';
  return send(`${hostUrl}/api/inbound/sendgrid${query}`, sendGrid(raw, opts));
}

/**
 * A Mailgun token for the n-th request of a test, derived from the tenant's (random) domain:
 * unique in the stack's replay store, the same on a second post when a test wants a replay.
 */
export function mailgunToken(tenantDomain: string, n: number): string {
  return createHash('sha256').update(`${tenantDomain}/${n}`).digest('hex').slice(0, 50);
}

/** Mailgun's signed forward to the route's `mime` URL, signed now with the stack's key. */
export function postMailgun(
  hostUrl: string,
  raw: Buffer,
  opts: { recipient: string; token: string; key?: string; encoding?: 'urlencoded' | 'multipart' },
): Promise<RelayResponse> {
  const form = mailgun(
    {
      raw,
      recipient: opts.recipient,
      key: opts.key ?? settings().MAILGUN_SIGNING_KEY ?? '',
      timestamp: String(Math.floor(Date.now() / 1000)),
      token: opts.token,
    },
    opts.encoding ?? 'urlencoded',
  );
  return send(`${hostUrl}/api/inbound/mailgun/mime`, form);
}

/** Postmark's JSON with the raw mail, behind the stack's basic auth unless told otherwise. */
export function postPostmark(
  hostUrl: string,
  raw: Buffer,
  opts: { recipient: string; credentials?: string | null; spamScores?: string[] },
): Promise<RelayResponse> {
  const credentials =
    opts.credentials === null
      ? undefined
      : (opts.credentials ?? settings().POSTMARK_INBOUND_CREDENTIALS);
  return send(
    `${hostUrl}/api/inbound/postmark`,
    postmark(raw, { recipient: opts.recipient, credentials, spamScores: opts.spamScores }),
  );
}
