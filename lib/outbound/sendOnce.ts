/**
 * Sending a mail at most once where its Message-ID is known before it goes out (docs/graph.md
 * "Mail"): the copy Exchange keeps in Sent Items is looked up by internetMessageId first, so a
 * second attempt (another run, a crash between send and mark) finds the first instead of sending
 * again. sendLarge is the way for a mail above one request's size: a draft from the MIME without
 * the large files, each of those attached by upload session, then the draft is sent; a draft
 * keeps the MIME's Message-ID, so Sent Items finds it the same way.
 */
import type { Exchange } from '../mailbox/exchange';
import { messagePath, userPath } from '../mailbox/paths';
import { PermanentError, isPermanent } from '../errors';
import { attachByUploadSession } from './attachmentUpload';
import type { ComposedMail, OutboundAttachment } from './compose';
import { SentItemsAccessError, findSent, sendMime, withMailPermission } from './send';

export type SendOutcome = 'sent' | 'already-sent';

/**
 * With `lookFirst` (the default), a mailbox whose Sent Items may not be read sends anyway: a
 * notice sent twice after a crash is the lesser harm than none ever sent.
 */
export async function sendOnce(
  exchange: Exchange,
  mailbox: string,
  mail: ComposedMail,
  opts: { lookFirst?: boolean } = {},
): Promise<SendOutcome> {
  if ((opts.lookFirst ?? true) && (await sentBefore(exchange, mailbox, mail.messageId))) {
    return 'already-sent';
  }
  await sendMime(exchange, mailbox, mail.raw);
  return 'sent';
}

async function sentBefore(exchange: Exchange, mailbox: string, messageId: string) {
  try {
    return (await findSent(exchange, mailbox, messageId)) !== undefined;
  } catch (err) {
    if (err instanceof SentItemsAccessError) return false;
    throw err;
  }
}

/**
 * Graph requests: 1 draft, per file 1 session and one PUT per 3.125 MiB, 1 send. A failure before
 * the send, or the send refused, deletes the draft (best effort); any other failure of the send
 * leaves it: the message may be on its way, and its copy in Sent Items is what a later attempt
 * looks for.
 */
export async function sendLarge(
  exchange: Exchange,
  mailbox: string,
  raw: Buffer,
  files: readonly OutboundAttachment[],
): Promise<void> {
  // Drafts and their attachments need Mail.ReadWrite on the mailbox, sending Mail.Send.
  const draft = await withMailPermission('Mail.ReadWrite', () =>
    exchange.post<{ id?: unknown }>(`${userPath(mailbox)}/messages`, raw.toString('base64'), {
      op: 'create draft',
      contentType: 'text/plain',
    }),
  );
  if (typeof draft.id !== 'string' || !draft.id) {
    throw new PermanentError('graph-http-201', 'draft created without an id');
  }
  const id = draft.id;
  const deleteDraft = () =>
    exchange.delete(messagePath(mailbox, id), { op: 'delete draft' }).catch(() => null);
  try {
    for (const file of files) {
      await withMailPermission('Mail.ReadWrite', () =>
        attachByUploadSession(exchange, mailbox, id, file),
      );
    }
  } catch (err) {
    await deleteDraft();
    throw err;
  }
  try {
    await withMailPermission('Mail.Send', () =>
      exchange.post(`${messagePath(mailbox, id)}/send`, {}, { op: 'send draft', atMostOnce: true }),
    );
  } catch (err) {
    // A refusal (4xx) sent nothing: the draft goes. Anything else may have sent it: it stays.
    if (isPermanent(err)) await deleteDraft();
    throw err;
  }
}
