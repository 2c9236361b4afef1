/**
 * Whether a new ticket's requester gets an acknowledgement (issue 9; RFC 3834 §2 says when an
 * automatic reply must not be sent). Never to mail that is itself automatic (the classification
 * already says auto-reply, bounce, loop or abuse report), to list or bulk mail, to system senders
 * no one reads, to the tenant's own support addresses, or to a sender acknowledged within the
 * last hour: two helpdesks acknowledging each other stop after one mail each. The hour is the
 * caller's (SenderAcks), asked last since it costs a request. Reasons are codes, safe to log.
 */
import type { Classification } from '../mail/classify';
import type { ParsedMail } from '../mail/types';

export type AckMail = Pick<ParsedMail, 'from' | 'headers'>;

export type AckSkip =
  | Exclude<Classification['kind'], 'normal'>
  | 'no-sender'
  | 'list'
  | 'system-sender'
  | 'own-address'
  | 'recently-acked';

export type AckDecision = { send: true } | { send: false; reason: AckSkip };

/** How long one ack to a sender holds back the next (the loop breaker). */
export const ACK_WINDOW_SECONDS = 60 * 60;

/**
 * The memory of acks sent, per tenant, keyed by an HMAC of the sender (like senderBursts.ts),
 * each record expiring after ACK_WINDOW_SECONDS.
 */
export interface SenderAcks {
  /**
   * Takes the sender's ack for the window: true when no other mail's ack to this sender was
   * recorded within it (this mail's is recorded now) or the recorded one is this mail's, so a
   * repeated delivery gets the same answer; false when another mail's ack holds the window.
   */
  claim(tenant: string, sender: string, mailKey: string, now: Date): Promise<boolean>;
}

/** `recentlyAcked` for ackDecision, from the acks memory and the mail being processed. */
export function recentlyAckedIn(
  acks: SenderAcks,
  tenant: string,
  mailKey: string,
  now: Date,
): (sender: string) => Promise<boolean> {
  return async (sender) => !(await acks.claim(tenant, sender, mailKey, now));
}

// Local parts of addresses that nobody reads (RFC 2142 names, vendors' no-reply conventions).
const SYSTEM_LOCAL =
  /^(?:no[-_.]?reply|do[-_.]?not[-_.]?reply|mailer[-_.]?daemon|postmaster)(?:$|[-_.+])/i;

const first = (mail: AckMail, name: string): string | undefined =>
  mail.headers.get(name)?.[0]?.trim();

function listMail(mail: AckMail): boolean {
  if (/^(?:bulk|list|junk)\b/i.test(first(mail, 'precedence') ?? '')) return true;
  return mail.headers.has('list-id') || mail.headers.has('list-unsubscribe');
}

export async function ackDecision(
  mail: AckMail,
  classification: Classification,
  ownAddresses: readonly string[],
  recentlyAcked: (sender: string) => Promise<boolean>,
): Promise<AckDecision> {
  const skip = (reason: AckSkip): AckDecision => ({ send: false, reason });
  if (classification.kind !== 'normal') return skip(classification.kind);
  const sender = mail.from?.address.trim().toLowerCase();
  if (!sender) return skip('no-sender');
  if (listMail(mail)) return skip('list');
  // An unqualified `MAILER-DAEMON` has no domain; its whole address is the local part.
  if (SYSTEM_LOCAL.test(sender.split('@')[0] ?? '')) return skip('system-sender');
  if (ownAddresses.some((a) => a.trim().toLowerCase() === sender)) return skip('own-address');
  if (await recentlyAcked(sender)) return skip('recently-acked');
  return { send: true };
}
