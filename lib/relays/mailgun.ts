/**
 * Mailgun routes forwarding to a URL ending in `mime`: a form POST (urlencoded, or multipart when
 * the mail has attachments) with `body-mime` (the mail as received), `recipient` (the SMTP
 * recipient) and the signature fields `timestamp`, `token` and `signature`, an HMAC-SHA256 of
 * timestamp and token under the webhook signing key. No function key: the signature is the
 * credential. Mailgun takes 200 as delivered and 406 as refused for good, and retries anything
 * else for 8 hours; its spam flag travels in the mail (X-Mailgun-Sflag), read by the pipeline.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

import { errorCode } from '../errors';
import type { BodyRequest } from '../httpBody';
import { type RelayAnswer, type RelayDeps, acceptRelayMail, refuse, refuseForGood } from './answer';
import { readForm } from './form';
import { FORM_OVERHEAD_BYTES } from './values';

// Mailgun's documented retry schedule for a route's POST: 10 min, 15 min, 30 min, 1 h, 2 h and
// 4 h, about 8 hours in all, and each retry carries the first attempt's timestamp, token and
// signature. A timestamp is therefore good for 8 h 30 min: a shorter window (docs/relays.md says
// why not 5 minutes) would refuse every retry, and a mail answered 503 once would be lost. A
// replay within the window is still refused: the token store keeps every taken token as long.
export const MAX_AGE_SECONDS = 8.5 * 60 * 60;
// A minute ahead allows for clock skew.
const MAX_AHEAD_SECONDS = 60;
// A token is kept until its timestamp is past accepting, with a minute to spare.
export const TOKEN_TTL_SECONDS = MAX_AGE_SECONDS + MAX_AHEAD_SECONDS + 60;
// Percent-encoding turns a byte into at most three: an urlencoded mail takes up to three times its size.
const URLENCODED_GROWTH = 3;

const SIGNED = ['timestamp', 'token', 'signature'] as const;

export type SignatureCheck =
  | { ok: true; token: string }
  | { ok: false; reason: 'no-signature' | 'bad-signature' | 'stale' | 'ahead'; error: string };

function checkSignature(
  fields: ReadonlyMap<string, Buffer>,
  key: string,
  now: Date,
): SignatureCheck {
  const [timestamp, token, signature] = SIGNED.map((name) =>
    fields.get(name)?.toString('latin1').trim(),
  );
  if (!timestamp || !token || !signature) {
    return { ok: false, reason: 'no-signature', error: 'timestamp, token and signature required' };
  }
  const expected = createHmac('sha256', key)
    .update(timestamp + token, 'latin1')
    .digest();
  const given = /^[0-9a-f]{64}$/i.test(signature) ? Buffer.from(signature, 'hex') : undefined;
  if (!given || !timingSafeEqual(given, expected)) {
    return { ok: false, reason: 'bad-signature', error: 'signature does not verify' };
  }
  const age = now.getTime() / 1000 - Number(timestamp);
  if (!/^\d{1,12}$/.test(timestamp) || age > MAX_AGE_SECONDS) {
    return { ok: false, reason: 'stale', error: 'timestamp too old' };
  }
  if (age < -MAX_AHEAD_SECONDS) {
    return { ok: false, reason: 'ahead', error: 'timestamp in the future' };
  }
  return { ok: true, token };
}

export async function takeMailgun(request: BodyRequest, deps: RelayDeps): Promise<RelayAnswer> {
  const key = deps.relays.mailgunSigningKey;
  if (!key) {
    return refuse(deps, 'mailgun', 503, 'the Mailgun door is not configured', 'not-configured');
  }
  const urlencoded = /^application\/x-www-form-urlencoded/i.test(
    request.headers.get('content-type') ?? '',
  );
  const growth = urlencoded ? URLENCODED_GROWTH : 1;
  // The signature is checked as soon as its three fields are in, so a caller without the key
  // cannot make us read a large body: a wrong one stops the reading there.
  let signed: SignatureCheck | undefined;
  const form = await readForm(
    request,
    ['body-mime', 'recipient', ...SIGNED],
    {
      maxBodyBytes: deps.maxMailBytes * growth + FORM_OVERHEAD_BYTES,
      maxFieldBytes: deps.maxMailBytes,
    },
    (fields) => {
      if (signed || !SIGNED.every((name) => fields.has(name))) return true;
      signed = checkSignature(fields, key, deps.now());
      return signed.ok;
    },
  );
  if (signed && !signed.ok) return refuse(deps, 'mailgun', 401, signed.error, signed.reason);
  if (!form.ok) return refuse(deps, 'mailgun', form.status, form.error, `form-${form.status}`);
  signed ??= checkSignature(form.fields, key, deps.now());
  if (!signed.ok) return refuse(deps, 'mailgun', 401, signed.error, signed.reason);
  let fresh: boolean;
  try {
    fresh = await deps.tokens.claim(signed.token, TOKEN_TTL_SECONDS);
  } catch (err) {
    return refuse(deps, 'mailgun', 503, 'replay check unavailable, retry later', errorCode(err));
  }
  // Whether Mailgun sends a request we already took again or someone replays it, a retry
  // cannot help: refused for good (406).
  if (!fresh) return refuseForGood(deps, 'mailgun', 409, 'token already used', 'replay');
  const raw = form.fields.get('body-mime');
  if (!raw) {
    const error = 'no body-mime field: the route must forward to a URL ending in mime';
    return refuseForGood(deps, 'mailgun', 400, error, 'no-raw-mime');
  }
  const recipients = form.fields.get('recipient')?.toString('utf8').split(',');
  const answer = await acceptRelayMail({ raw, recipients, door: { kind: 'mailgun' } }, deps);
  // Not taken after all: Mailgun's retry carries the same token, and must pass.
  if (answer.status === 503) await deps.tokens.release(signed.token).catch(() => undefined);
  return answer;
}
