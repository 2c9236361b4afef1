/**
 * The Message-IDs of the mail we send, all on the domain of the mailbox that sends it. An agent's
 * reply gets a random one, stored on the comment with its claim. An ack and a notice get one
 * derived from what they answer, so whoever sends one again (a second run, a crash) computes the
 * same id and finds the first in Sent Items instead of sending twice. Hashes keep the ids free of
 * anything from the mail (a Message-ID is seen by every recipient).
 */
import { createHash, randomUUID } from 'node:crypto';

const sha256hex = (text: string): string => createHash('sha256').update(text).digest('hex');

/** The domain part of an address for our ids; `localhost` when it is no plain host name. */
export function domainOf(address: string): string {
  const domain = address.slice(address.lastIndexOf('@') + 1).toLowerCase();
  return /^[a-z0-9.-]+$/.test(domain) && domain.includes('.') ? domain : 'localhost';
}

// An item id is a number from SharePoint; anything else would not belong in a Message-ID.
const idPart = (id: string): string => id.replace(/[^A-Za-z0-9-]/g, '');

/** A fresh id for an agent's reply. */
export function replyMessageId(mailbox: string): string {
  return `<${randomUUID()}@${domainOf(mailbox)}>`;
}

/** The ack of a ticket: one per ticket, whoever sends it. */
export function ackMessageId(
  ticketId: string,
  ticketMessageId: string | undefined,
  mailbox: string,
): string {
  const hash = sha256hex(ticketMessageId ?? ticketId).slice(0, 24);
  return `<ack.${idPart(ticketId)}.${hash}@${domainOf(mailbox)}>`;
}

/** A refusal notice: one per kind and refused message (`key`) of a tenant. */
export function noticeMessageId(
  kind: string,
  tenant: string,
  key: string,
  mailbox: string,
): string {
  const hash = sha256hex(`${tenant}\n${key}`).slice(0, 32);
  return `<notice.${idPart(kind)}.${hash}@${domainOf(mailbox)}>`;
}
