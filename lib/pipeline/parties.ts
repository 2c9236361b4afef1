/**
 * Who is who in a mail, for one tenant (docs/mail-rules.md): which addresses become Cc
 * contacts, and which sender counts as an agent of the helpdesk.
 *
 * Agents: the schema has no list of agents, and the app's Sites.Selected grant cannot read the
 * directory or the site's members. Agents work for the organisation that runs the helpdesk, whose
 * mail domain is the support address's, so an agent is a sender from the domain of one of the
 * tenant's support addresses. A public mail domain says nothing about who someone is: when the
 * support address is at one (support@gmail.com), nobody counts as an agent by domain.
 */
import type { MailAddress, ParsedMail } from '../mail/parse';

// Mail providers anyone can sign up with; a support address there makes its domain meaningless.
const PUBLIC_MAIL_DOMAINS = new Set([
  'gmail.com',
  'googlemail.com',
  'outlook.com',
  'hotmail.com',
  'live.com',
  'msn.com',
  'yahoo.com',
  'icloud.com',
  'me.com',
  'aol.com',
  'gmx.com',
  'gmx.de',
  'gmx.net',
  'web.de',
  't-online.de',
  'mail.com',
  'proton.me',
  'protonmail.com',
  'yandex.com',
  'zoho.com',
  'orange.fr',
  'free.fr',
  'libero.it',
]);

// Each Cc contact costs one to three Graph requests; a mail to hundreds of addresses must not
// turn into a thousand requests. 20 covers any real conversation.
export const MAX_CC_CONTACTS = 20;

export const domainOf = (address: string): string =>
  address.slice(address.lastIndexOf('@') + 1).toLowerCase();

/**
 * A sender at the domain of one of the tenant's support addresses. This says nothing about a
 * ticket whose requester is at that domain too (an internal helpdesk): there the sender is a
 * colleague as likely as an agent; thread.ts asks that question.
 */
export function isAgent(address: string, supportAddresses: readonly string[]): boolean {
  const domain = domainOf(address.trim().toLowerCase());
  if (!domain || PUBLIC_MAIL_DOMAINS.has(domain)) return false;
  return supportAddresses.some((s) => domainOf(s.trim().toLowerCase()) === domain);
}

/**
 * The mail's other recipients, To and Cc (a colleague in To is as much a party as one in Cc),
 * without the support addresses, the sender and repeats, at most MAX_CC_CONTACTS.
 */
export function ccAddresses(
  mail: Pick<ParsedMail, 'from' | 'to' | 'cc'>,
  supportAddresses: readonly string[],
): MailAddress[] {
  const skip = new Set([...supportAddresses, mail.from?.address ?? ''].map((a) => a.toLowerCase()));
  const out: MailAddress[] = [];
  for (const recipient of [...mail.to, ...mail.cc]) {
    const address = recipient.address.toLowerCase();
    // An unqualified address (no @) can be no contact.
    if (skip.has(address) || !address.includes('@')) continue;
    skip.add(address);
    out.push({ address, name: recipient.name });
    if (out.length === MAX_CC_CONTACTS) break;
  }
  return out;
}
