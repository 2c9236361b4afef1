/**
 * What the relay doors share: their dependencies, their answer, and the one path from a relay's
 * mail into `acceptMail` (lib/inbound.ts), with the acceptance's refusals spoken in the relay's
 * own retry language (docs/relays.md). A relay's refusals are logged with a reason code, never
 * with the mail, an address or a credential.
 */
import { type InboundDeps, type Recipients, acceptMail } from '../inbound';
import type { Config } from '../config';
import type { MailDoor } from '../storage/staging';
import type { TokenStore } from './replay';
import { RETRY_AFTER_SECONDS } from './values';

export interface RelayDeps extends InboundDeps {
  relays: Config['relays'];
  /** Mailgun's webhook tokens already taken (replay refusal). */
  tokens: TokenStore;
  now: () => Date;
}

export interface RelayAnswer {
  status: number;
  body: { id: string } | { error: string };
  headers?: Record<string, string>;
}

/** A relay's mail, taken out of its request by the relay's adapter. */
export interface RelayMail {
  raw: Buffer;
  recipients: Recipients;
  door: MailDoor;
}

/**
 * How a relay hears a permanent refusal of the mail (not a mail, no tenant's address, too
 * large): the status that stops its retries. SendGrid retries only 5xx, so the plain 4xx stand;
 * Mailgun stops on 406 and Postmark on 403, and retry anything else.
 */
const STOP: Record<MailDoor['kind'], number | undefined> = {
  sendgrid: undefined,
  mailgun: 406,
  postmark: 403,
};

/** A refusal before the mail is accepted (credentials, shape); `reason` is logged. */
export function refuse(
  deps: Pick<RelayDeps, 'log'>,
  relay: MailDoor['kind'],
  status: number,
  error: string,
  reason: string,
  headers?: Record<string, string>,
): RelayAnswer {
  deps.log.write({ event: 'mail.relay', relay, outcome: 'refused', status, reason });
  return { status, body: { error }, ...(headers ? { headers } : {}) };
}

/** Refuses for good in the relay's words: its stop status, or `status` when it has none. */
export function refuseForGood(
  deps: Pick<RelayDeps, 'log'>,
  relay: MailDoor['kind'],
  status: number,
  error: string,
  reason: string,
): RelayAnswer {
  return refuse(deps, relay, STOP[relay] ?? status, error, reason);
}

/**
 * Hands the mail to the acceptance every door shares. Accepted is 200 (Mailgun and Postmark
 * count only 200 as delivered; SendGrid any 2xx); unavailable is 503 with Retry-After, which
 * every relay retries.
 */
export async function acceptRelayMail(mail: RelayMail, deps: RelayDeps): Promise<RelayAnswer> {
  const result = await acceptMail(mail.raw, mail.recipients, deps, mail.door);
  if (result.status === 202) return { status: 200, body: { id: result.id } };
  if (result.status === 503) {
    return {
      status: 503,
      body: { error: result.error },
      headers: { 'retry-after': RETRY_AFTER_SECONDS },
    };
  }
  return refuseForGood(
    deps,
    mail.door.kind,
    result.status,
    result.error,
    `accept-${result.status}`,
  );
}
