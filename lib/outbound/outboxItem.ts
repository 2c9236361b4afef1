/**
 * One outbox item, exactly once (issue 9, decisions 8 and 9). The mail is prepared first (reads
 * only: a failure leaves the item `To send` for the next run), then the item is claimed by its
 * eTag (`Sending`, with a reply's fresh Message-ID in the same write; another sender's claim
 * wins and this one skips), sent, and marked `Sent`. An item left `Sending` by a sender that
 * died is claimed again and looked for in Sent Items under the Message-ID it was claimed with
 * (an ack's is derived from its ticket) before it is sent under that same id.
 *
 * A comment from mail is never sent back: a host whose cached site ids predate the outbox wrote
 * it without `Received`, so SharePoint gave it the column's default `To send`. It has the MailKey
 * of its mail and no SentAt (an agent's comment has no MailKey, or was sent before): `Received`.
 *
 * What a refusal after the claim does to the item: itemRefusals.ts.
 */
import { errorCode, isPermanent } from '../errors';
import { messageIdKey } from '../mail/mailKey';
import type { OutboxItem, OutboxMark } from '../sharepoint/outbox';
import { ackMail, replyMail } from './outboxMails';
import { ackMessageId, replyMessageId } from './messageIds';
import { type ItemResult, afterClaim, failClaimed } from './itemRefusals';
import { type OutboxContext, type OutboxMail, isDenied } from './outboxContext';
import { composeWithFiles } from './replyFiles';
import { MailSendAccessError, findSent } from './send';
import { sendLarge, sendOnce } from './sendOnce';

export type { ItemOutcome, ItemResult } from './itemRefusals';

export async function handleItem(
  ctx: OutboxContext,
  item: OutboxItem,
  recover: boolean,
): Promise<ItemResult> {
  const { site } = ctx;
  const instead = notToSend(item);
  if (instead) {
    // Claimed first: an agent who unticks Internal meanwhile changes the eTag, and is sent next run.
    if (!(await site.claimOutboxItem(item))) return { outcome: 'skipped' };
    await site.markOutboxItem(item, instead);
    return { outcome: instead === 'Received' ? 'received' : 'not-sent' };
  }
  let mail: Awaited<ReturnType<typeof prepare>>;
  try {
    mail = await prepare(ctx, item);
  } catch (err) {
    if (!isPermanent(err)) return { outcome: 'waiting', code: errorCode(err) };
    return failClaimed(ctx, item, errorCode(err));
  }
  if ('refused' in mail) return failClaimed(ctx, item, mail.refused);
  if (isDenied(ctx, mail.mailbox, 'Mail.Send')) return { outcome: 'held' };
  const messageId = messageIdOf(item, mail.mailbox, recover);
  const claimed = await site.claimOutboxItem(
    item,
    item.list === 'comments' ? messageId : undefined,
  );
  if (!claimed) return { outcome: 'skipped' };
  try {
    if (recover && (await findSent(ctx.exchange, mail.mailbox, messageId))) {
      await site.markOutboxItem(item, 'Sent', markOf(item, messageId, ctx.now()));
      return { outcome: 'recovered' };
    }
    await send(ctx, mail, messageId);
  } catch (err) {
    return afterClaim(ctx, item, mail.mailbox, err);
  }
  await site.markOutboxItem(item, 'Sent', markOf(item, messageId, ctx.now()));
  return { outcome: recover ? 'recovered' : 'sent' };
}

/** An internal comment is not sent; a comment from mail was received, never to be sent. */
function notToSend(item: OutboxItem): 'Not sent' | 'Received' | undefined {
  if (item.list !== 'comments') return undefined;
  if (item.mailKey && !item.sentAt) return 'Received';
  return item.internal ? 'Not sent' : undefined;
}

function prepare(ctx: OutboxContext, item: OutboxItem) {
  return item.list === 'tickets' ? ackMail(ctx, item) : replyMail(ctx, item);
}

/** An ack's id follows from its ticket; a reply keeps the one it was claimed with, if any. */
function messageIdOf(item: OutboxItem, mailbox: string, recover: boolean): string {
  if (item.list === 'tickets') return ackMessageId(item.id, item.messageId, mailbox);
  return recover && item.messageId ? item.messageId : replyMessageId(mailbox);
}

async function send(ctx: OutboxContext, mail: OutboxMail, messageId: string): Promise<void> {
  const { language } = await ctx.templates();
  const composed = await composeWithFiles(mail, messageId, ctx.site.library, ctx.config, language);
  if (composed.uploads.length) {
    // Drafts were refused this mailbox already: given back at once, with no request.
    if (isDenied(ctx, mail.mailbox, 'Mail.ReadWrite'))
      throw new MailSendAccessError('Mail.ReadWrite');
    await sendLarge(ctx.exchange, mail.mailbox, composed.mail.raw, composed.uploads);
  } else {
    await sendOnce(ctx.exchange, mail.mailbox, composed.mail, { lookFirst: false });
  }
}

/** When and under which id; a comment also gets the MailKey a reply to it threads by. */
function markOf(item: OutboxItem, messageId: string, now: Date): OutboxMark {
  if (item.list === 'tickets') return { sentAt: now };
  return { sentAt: now, messageId, ...keyOf(messageId) };
}

const keyOf = (messageId: string): { mailKey?: string } => {
  const mailKey = messageIdKey(messageId);
  return mailKey ? { mailKey } : {};
};
