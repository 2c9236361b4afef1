/**
 * The mail a requester got (issue 9), read where the simulated Exchange lists what it delivered to
 * recipients outside it (`GET /_admin/sent`) and parsed with mailparser as a mail program would;
 * and what a support mailbox sent, from its Sent Items.
 */
import { type ParsedMail, simpleParser } from 'mailparser';

import { type MailboxMessage, mailboxMessages } from './mailboxSupport';
import { settings } from './support';

export interface Delivered {
  from: string;
  to: string[];
  cc: string[];
  internetMessageId: string;
  mail: ParsedMail;
}

/** The messages the support mailbox sent (its Sent Items), to outside or simulated mailboxes. */
export async function sentItems(address: string): Promise<MailboxMessage[]> {
  return (await mailboxMessages(address)).filter((m) => m.folder === 'Sent Items');
}

/** Every mail the simulated Exchange delivered outside to `address` (To or Cc), parsed. */
export async function mailTo(address: string): Promise<Delivered[]> {
  const res = await fetch(`${settings().GRAPH_BASE_URL}/_admin/sent`);
  if (!res.ok) throw new Error(`graph-sim sent: HTTP ${res.status}`);
  const { value } = (await res.json()) as {
    value: Array<Omit<Delivered, 'mail'> & { raw: string }>;
  };
  const wanted = address.toLowerCase();
  const mine = value.filter((m) => [...m.to, ...m.cc].some((a) => a.toLowerCase() === wanted));
  return Promise.all(
    mine.map(async ({ raw, ...rest }) => ({
      ...rest,
      mail: await simpleParser(Buffer.from(raw, 'base64')),
    })),
  );
}

/** A header field's value as written in the mail (its first occurrence), or ''. */
export function headerOf(mail: ParsedMail, name: string): string {
  const line = mail.headerLines.find((h) => h.key === name.toLowerCase())?.line ?? '';
  return line.slice(line.indexOf(':') + 1).trim();
}
