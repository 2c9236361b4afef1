/**
 * Delivery into a mailbox's Inbox, as the admin API's `deliver` does it: the raw MIME is kept as
 * given (its bytes are what `$value` returns) and only the few header fields Graph's message
 * shows are read, with the same header reader the service's door uses. RFC 2047 encoded words
 * stay as written: nothing the service does reads a subject from Graph, only the MIME.
 */
import addressparser from 'nodemailer/lib/addressparser';

import { readHeaderSection } from '../../../lib/mail/envelope';
import { badRequest } from '../errors';
import { nowIso } from '../state';
import type { Store } from '../state';
import { findFolder, newChangeKey, newExchangeId, newImmutableId, recordChange } from './mailboxes';
import type { MailAddress, MailboxState, MessageState, WellKnownFolder } from './model';

/** Header values arrive as latin1 bytes; mail written in UTF-8 is read back as UTF-8. */
const utf8 = (value: string): string => Buffer.from(value, 'latin1').toString('utf8');

export function addressesOf(value: string | undefined): MailAddress[] {
  if (!value) return [];
  return addressparser(utf8(value), { flatten: true })
    .filter((a) => a.address.includes('@'))
    .map((a) => ({ address: a.address, name: a.name || a.address }));
}

export function deliver(
  store: Store,
  tenantId: string,
  box: MailboxState,
  raw: Buffer,
  folder: WellKnownFolder = 'inbox',
): MessageState {
  if (raw.length === 0) throw badRequest('The message is empty.');
  const head = readHeaderSection(raw);
  if (!head.ok) throw badRequest(`The message cannot be delivered: ${head.reason}.`);
  const field = (name: string): string | undefined =>
    head.fields.find((f) => f.name === name)?.value;
  const now = nowIso();
  const date = Date.parse(field('date') ?? '');
  const inbox = findFolder(box, folder);
  const message: MessageState = {
    id: newImmutableId(),
    restId: newExchangeId(),
    folderId: inbox.id,
    // Exchange makes one up for a mail that has none.
    internetMessageId: field('message-id') ?? `<${newExchangeId().slice(6, 30)}@graph-sim.local>`,
    subject: utf8(field('subject') ?? ''),
    from: addressesOf(field('from'))[0] ?? null,
    toRecipients: addressesOf(field('to')),
    ccRecipients: addressesOf(field('cc')),
    sentDateTime: Number.isNaN(date) ? now : new Date(date).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    receivedDateTime: now,
    lastModifiedDateTime: now,
    hasAttachments: /^multipart\/mixed\b/i.test(field('content-type') ?? ''),
    isRead: false,
    categories: [],
    blob: store.blobs.put(raw),
    size: raw.length,
    changeKey: newChangeKey(),
  };
  box.messages.push(message);
  recordChange(box, message, 'in');
  store.changed();
  store.mail.emit('created', {
    tenantId,
    userId: box.userId,
    folderId: inbox.id,
    messageId: message.id,
  });
  return message;
}
