/**
 * Postmark's inbound webhook with "Include raw email content in JSON payload" on: a JSON POST
 * whose `RawEmail` is the mail as received and `OriginalRecipient` the address it was delivered
 * to, behind HTTP basic auth written into the webhook URL (`https://user:password@…`). Postmark
 * runs SpamAssassin on inbound mail and lists its `X-Spam-Score` among the JSON `Headers`. It
 * takes 200 as delivered, stops on 403, and retries anything else for about ten hours.
 */
import type { BodyRequest } from '../httpBody';
import { readRequestBody } from '../httpBody';
import { type RelayAnswer, type RelayDeps, acceptRelayMail, refuse, refuseForGood } from './answer';
import { FORM_OVERHEAD_BYTES, sameSecret, spamScoreOf } from './values';

// The JSON carries the mail twice: parsed (bodies, attachments in base64) and as RawEmail
// (escaped); three times the mail bounds both.
const JSON_GROWTH = 3;

/** The `user:password` of a basic Authorization header, or undefined. */
export function basicCredentialsOf(header: string | null): string | undefined {
  const m = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header ?? '');
  return m?.[1] ? Buffer.from(m[1], 'base64').toString('utf8') : undefined;
}

interface PostmarkInbound {
  RawEmail?: unknown;
  OriginalRecipient?: unknown;
  Headers?: unknown;
}

/**
 * Postmark's SpamAssassin score from the JSON headers. A sender may have written an X-Spam-Score
 * of their own into the mail; SpamAssassin rewrites it, and should two remain, the higher counts,
 * so a forged low score cannot hide a high one.
 */
export function postmarkSpamScore(headers: unknown): number | undefined {
  if (!Array.isArray(headers)) return undefined;
  const scores = headers
    .filter((h: { Name?: unknown }) => String(h?.Name).toLowerCase() === 'x-spam-score')
    .map((h: { Value?: unknown }) => spamScoreOf(typeof h.Value === 'string' ? h.Value : ''))
    .filter((s): s is number => s !== undefined);
  return scores.length > 0 ? Math.max(...scores) : undefined;
}

/**
 * The address Postmark took the mail for. A mail forwarded by another service (a mailbox's
 * forwarding rule, say) to the stream's own address (`{hash}@inbound.postmarkapp.com`) has that
 * address here, which names no tenant: then there is no envelope recipient, and the mail's
 * headers (To, Cc, ...) route it, as on /api/inbound.
 */
function envelopeRecipient(original: unknown): string | undefined {
  if (typeof original !== 'string') return undefined;
  return /@inbound\.postmarkapp\.com\s*$/i.test(original) ? undefined : original;
}

export async function takePostmark(request: BodyRequest, deps: RelayDeps): Promise<RelayAnswer> {
  const expected = deps.relays.postmarkCredentials;
  if (!expected) {
    return refuse(deps, 'postmark', 503, 'the Postmark door is not configured', 'not-configured');
  }
  const given = basicCredentialsOf(request.headers.get('authorization'));
  if (given === undefined || !sameSecret(given, expected)) {
    return refuse(
      deps,
      'postmark',
      401,
      'valid basic auth credentials required',
      'bad-credentials',
      {
        'www-authenticate': 'Basic realm="helpdesk-mail", charset="UTF-8"',
      },
    );
  }
  const body = await readRequestBody(
    request,
    deps.maxMailBytes * JSON_GROWTH + FORM_OVERHEAD_BYTES,
  );
  if (!body.ok) return refuse(deps, 'postmark', 413, 'request body too large', 'form-413');
  let inbound: PostmarkInbound | null;
  try {
    inbound = JSON.parse(body.bytes.toString('utf8')) as PostmarkInbound | null;
  } catch {
    return refuseForGood(deps, 'postmark', 400, 'expected Postmark inbound JSON', 'not-json');
  }
  const raw = inbound?.RawEmail;
  if (typeof raw !== 'string' || raw === '') {
    const error = 'no RawEmail: turn on "Include raw email content in JSON payload"';
    return refuseForGood(deps, 'postmark', 400, error, 'no-raw-mime');
  }
  const spamScore = postmarkSpamScore(inbound?.Headers);
  return acceptRelayMail(
    {
      raw: Buffer.from(raw, 'utf8'),
      recipients: envelopeRecipient(inbound?.OriginalRecipient),
      door: { kind: 'postmark', ...(spamScore === undefined ? {} : { spamScore }) },
    },
    deps,
  );
}
