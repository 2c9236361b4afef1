/**
 * SendGrid Inbound Parse, with "POST the raw, full MIME message" on: a multipart/form-data POST
 * whose `email` field is the mail as received, `envelope` the SMTP envelope as JSON (`to`, a list,
 * and `from`), and, with the spam check on, `spam_score` (SpamAssassin's score). The function key
 * (`?code=`) is the credential, checked by the Functions host: SendGrid cannot set headers.
 * SendGrid retries only 5xx answers, for up to three days.
 */
import type { BodyRequest } from '../httpBody';
import { type RelayAnswer, type RelayDeps, acceptRelayMail, refuse } from './answer';
import { readForm } from './form';
import { FORM_OVERHEAD_BYTES, spamScoreOf } from './values';

export async function takeSendGrid(request: BodyRequest, deps: RelayDeps): Promise<RelayAnswer> {
  const form = await readForm(request, ['email', 'envelope', 'spam_score'], {
    // Multipart carries the mail as it is, 8-bit: only the other fields add to it.
    maxBodyBytes: deps.maxMailBytes + FORM_OVERHEAD_BYTES,
    maxFieldBytes: deps.maxMailBytes,
  });
  if (!form.ok) return refuse(deps, 'sendgrid', form.status, form.error, `form-${form.status}`);
  const raw = form.fields.get('email');
  if (!raw) {
    return refuse(
      deps,
      'sendgrid',
      400,
      'no email field: turn on "POST the raw, full MIME message" in the Inbound Parse setting',
      'no-raw-mime',
    );
  }
  const spamScore = spamScoreOf(form.fields.get('spam_score')?.toString('latin1'));
  return acceptRelayMail(
    {
      raw,
      recipients: envelopeRecipients(form.fields.get('envelope')),
      door: { kind: 'sendgrid', ...(spamScore === undefined ? {} : { spamScore }) },
    },
    deps,
  );
}

/** The envelope's `to` (a list, or one address); none when it is missing or not JSON. */
function envelopeRecipients(envelope: Buffer | undefined): string[] | undefined {
  if (!envelope) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(envelope.toString('utf8'));
  } catch {
    return undefined;
  }
  const to = (parsed as { to?: unknown } | null)?.to;
  const list = Array.isArray(to) ? to : [to];
  const addresses = list.filter((a): a is string => typeof a === 'string' && a.trim() !== '');
  return addresses.length > 0 ? addresses : undefined;
}
