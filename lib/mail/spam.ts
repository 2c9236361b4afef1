/**
 * Spam verdicts (docs/mail-rules.md "Spam"). A verdict is trusted only from the door that sets
 * it: each door's filter runs before the mail reaches us and writes what a sender cannot, either
 * beside the MIME (a relay's score) or in headers that door strips or overwrites. The same header
 * arriving through any other door is the sender's own text and is ignored, so a forged
 * `X-MS-Exchange-Organization-SCL: 9` posted to /api/inbound cannot stop a mail.
 * Pure: the door, its score, the root's raw header fields (top first) and the tenant's settings.
 */
import type { MailMessage } from '../storage/staging';
import { firstValue, sclOf } from './spamHeaders';

/** Where the mail came in: a relay's own route, a connected mailbox, or plain /api/inbound. */
export type SpamDoor = 'sendgrid' | 'mailgun' | 'postmark' | 'mailbox' | 'inbound';

export const SPAM_FILTER = ['on', 'off'] as const;
export const SPAMASSASSIN_HEADERS = ['ignore', 'trust'] as const;

/** The tenant's spam settings as its record holds them; unset takes the default. */
export interface SpamSettings {
  spamFilter?: (typeof SPAM_FILTER)[number];
  /** SpamAssassin scale (SendGrid, Postmark): a score at or above it is spam. */
  spamScore?: number;
  /** Exchange's spam confidence level, 0..9: at or above it is spam. */
  spamScl?: number;
  /** Whether X-Spam-Flag on /api/inbound is the customer's SpamAssassin's (`trust`). */
  spamAssassinHeaders?: (typeof SPAMASSASSIN_HEADERS)[number];
}

// The one place the defaults live. 5 is SpamAssassin's own required score and the SCL from which
// Exchange Online itself files mail as junk.
export const SPAM_DEFAULTS: Required<SpamSettings> = {
  spamFilter: 'on',
  spamScore: 5,
  spamScl: 5,
  spamAssassinHeaders: 'ignore',
};

/** `reason` is a short code for the trace and tests (the header or score that decided), never content. */
export type SpamVerdict = { spam: false } | { spam: true; door: SpamDoor; reason: string };

type Door = Pick<MailMessage, 'source' | 'door'>;

function spamDoorOf(message: Door): SpamDoor {
  if (message.source?.kind === 'mailbox') return 'mailbox';
  return message.door?.kind ?? 'inbound';
}

type Headers = ReadonlyMap<string, string[]>;
type Judge = (
  score: number | undefined,
  headers: Headers,
  settings: Required<SpamSettings>,
) => string | undefined;

// The relay's score comes in its own form field, outside the MIME: no header can forge it.
const byScore: Judge = (score, _headers, { spamScore }) =>
  score !== undefined && score >= spamScore ? `score>=${spamScore}` : undefined;

/** Each door's own check: the reason it is spam, or undefined. Nothing else is read. */
const JUDGES: Record<SpamDoor, Judge> = {
  sendgrid: byScore,
  postmark: byScore,
  // Mailgun prepends its flag; only the topmost is Mailgun's, a lower one came with the mail.
  // With the domain's spam filtering off there is no flag of Mailgun's, and a sender's own `Yes`
  // is topmost: it drops only that sender's mail (docs/mail-rules.md "Spam").
  mailgun: (_score, headers) =>
    firstValue(headers, 'x-mailgun-sflag')?.toLowerCase() === 'yes' ? 'x-mailgun-sflag' : undefined,
  // Exchange Online's header firewall removes X-MS-Exchange-Organization-* fields from mail
  // entering the organisation from outside, then stamps its own, so on this door the SCL field
  // is Exchange's verdict. X-Forefront-Antispam-Report is not behind that firewall, but the
  // filter prepends its report above any the sender wrote: only the topmost counts. SCL -1 is
  // the organisation's own "trusted" mark (an allow rule or an internal sender): never spam.
  mailbox: (_score, headers, { spamScl }) => {
    const scls = [
      sclOf(firstValue(headers, 'x-ms-exchange-organization-scl')),
      sclOf(firstValue(headers, 'x-forefront-antispam-report'), 'report'),
    ].filter((scl): scl is number => scl !== undefined);
    if (scls.includes(-1)) return undefined;
    return scls.some((scl) => scl >= spamScl) ? `scl>=${spamScl}` : undefined;
  },
  // SpamAssassin rewrites every X-Spam-* field of a mail it scans, so the flag is the customer's
  // filter's only when the customer says their MTA runs it; otherwise anyone could have written it.
  inbound: (_score, headers, { spamAssassinHeaders }) =>
    spamAssassinHeaders === 'trust' && firstValue(headers, 'x-spam-flag')?.toUpperCase() === 'YES'
      ? 'x-spam-flag'
      : undefined,
};

/**
 * Whether the mail is spam by its door's verdict. The spam stage (pipeline/stages/spam.ts) does
 * not ask for a mail an agent asked to make a ticket of.
 */
export function spamVerdict(message: Door, headers: Headers, tenant: SpamSettings): SpamVerdict {
  const settings = { ...SPAM_DEFAULTS, ...definedOnly(tenant) };
  if (settings.spamFilter === 'off') return { spam: false };
  const door = spamDoorOf(message);
  const reason = JUDGES[door](message.door?.spamScore, headers, settings);
  return reason === undefined ? { spam: false } : { spam: true, door, reason };
}

// A record read back may carry a field as undefined; it must not hide the default.
function definedOnly(tenant: SpamSettings): SpamSettings {
  const keys = Object.keys(SPAM_DEFAULTS) as Array<keyof SpamSettings>;
  return Object.fromEntries(keys.filter((k) => tenant[k] !== undefined).map((k) => [k, tenant[k]]));
}
