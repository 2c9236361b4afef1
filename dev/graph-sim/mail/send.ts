/**
 * `POST /users/{u}/sendMail`: the app sends as the mailbox (Mail.Send in its RBAC scope, else 403
 * like every mailbox out of scope). 202 means accepted, as in Graph; here the mail has already
 * arrived: a copy in the sender's Sent Items (unless saveToSentItems is false) with the MIME's
 * Message-ID as its internetMessageId, one in the Inbox of every recipient that is a simulated
 * mailbox of any tenant (mail crosses tenants, as on the internet; its created event fires, so
 * a mailbox that mails itself is notified), and one record in the outbox (sendOutbox.ts) naming
 * the outside recipients. Exchange removes the Bcc field from what recipients get; so does this.
 * A body over 4 MiB (base64 of the MIME) is refused with 413 as Graph does, by the server's cap on
 * request bodies (http.ts MAX_JSON_BYTES) before it gets here; so is a MIME draft's.
 */
import { randomUUID } from 'node:crypto';

import { readHeaderSection } from '../../../lib/mail/envelope';
import type { GraphContext } from '../context';
import { GraphError, badRequest } from '../errors';
import type { SimResponse } from '../http';
import { nowIso } from '../state';
import type { MailHandler } from './access';
import { addressesOf, deliver } from './deliver';
import { findByAddress } from './mailboxes';
import type { MailboxState } from './model';
import { messageInput } from './sendInput';
import { outboxOf } from './sendOutbox';

/** A header section's fields but Bcc (with its folded lines), and the body unchanged. */
function withoutBcc(raw: Buffer): Buffer {
  const text = raw.toString('latin1');
  const end = text.search(/\r?\n\r?\n/);
  if (end < 0) return raw;
  const head = text.slice(0, end).replace(/^Bcc:.*(?:\r?\n[ \t].*)*(?:\r?\n|$)/gim, '');
  return Buffer.from(head + text.slice(end), 'latin1');
}

/** A message to send: its header fields, and a Message-ID (Exchange gives one if none). */
export function readOutgoing(given: Buffer): {
  raw: Buffer;
  internetMessageId: string;
  field: (name: string) => string | undefined;
} {
  const head = readHeaderSection(given);
  if (!head.ok) throw badRequest(`The message cannot be sent: ${head.reason}.`);
  const field = (name: string): string | undefined =>
    head.fields.find((f) => f.name === name)?.value;
  const known = field('message-id');
  if (known) return { raw: given, internetMessageId: known, field };
  const id = `<${randomUUID()}@graph-sim.local>`;
  const raw = Buffer.concat([Buffer.from(`Message-ID: ${id}\r\n`), given]);
  return { raw, internetMessageId: id, field };
}

/** Sends raw MIME as the mailbox: Sent Items, simulated recipients, then the outside ones. */
export function dispatch(
  ctx: GraphContext,
  box: MailboxState,
  given: Buffer,
  saveToSentItems: boolean,
): void {
  const { raw, internetMessageId, field } = readOutgoing(given);
  const [to, cc, bcc] = ['to', 'cc', 'bcc'].map((name) =>
    addressesOf(field(name)).map((a) => a.address.toLowerCase()),
  ) as [string[], string[], string[]];
  if (to.length + cc.length + bcc.length === 0)
    throw new GraphError(400, 'ErrorInvalidRecipients', 'At least one recipient is not valid.');
  if (saveToSentItems) deliver(ctx.store, ctx.claims.tid, box, raw, 'sentitems').isRead = true;
  const outgoing = withoutBcc(raw);
  const delivered = new Set<string>();
  const outside = (list: string[]): string[] =>
    list.filter((address) => {
      const found = findByAddress(ctx.store.state.tenants, address);
      if (found && !delivered.has(address)) {
        delivered.add(address);
        deliver(ctx.store, found.tenant.id, found.box, outgoing);
      }
      return !found;
    });
  const record = { to: outside(to), cc: outside(cc), bcc: outside(bcc) };
  if (record.to.length + record.cc.length + record.bcc.length === 0) return;
  outboxOf(ctx.store).push({
    from: box.address,
    ...record,
    internetMessageId,
    // Header bytes are read as latin1; mail written in UTF-8 reads back as UTF-8.
    subject: Buffer.from(field('subject') ?? '', 'latin1').toString('utf8'),
    receivedAt: nowIso(),
    raw: outgoing.toString('base64'),
  });
}

export const postSendMail: MailHandler = async (ctx, box): Promise<SimResponse> => {
  const { raw, saveToSentItems } = await messageInput(ctx, box);
  dispatch(ctx, box, raw, saveToSentItems);
  return { status: 202 };
};
