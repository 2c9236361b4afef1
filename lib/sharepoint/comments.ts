/**
 * Comments list items: a reply (or a threaded auto-reply) on a ticket. Graph requests:
 * createComment 1 (2 when it lost a race and re-reads the winner).
 */
import type { CommentRef, NewComment } from './helpdesk';
import { checkMailKey, cutText, messageIdField, titleText } from './columnText';
import { type ListRef, createItem, lookupId } from './items';
import { MAX_RICH_TEXT, MAX_TEXT } from './schema';
import { findByMailKeys } from './threads';

/**
 * The fieldValueSet of a new comment (internal column names, docs/schema.md). With `outbox` (the
 * site has the outbox columns) the comment is `Received`: the column's default, `To send`, is for
 * agents' comments, and a mail written as one must never be sent back out.
 */
export function commentFields(comment: NewComment, outbox = false): Record<string, unknown> {
  checkMailKey(comment.mailKey);
  return {
    Title: titleText(comment.title),
    Body: cutText(comment.body, MAX_RICH_TEXT),
    TicketLookupId: lookupId(comment.ticketId, 'ticket id'),
    ...(comment.senderId ? { SenderLookupId: lookupId(comment.senderId, 'sender id') } : {}),
    MailKey: comment.mailKey,
    ...(comment.mailHash ? { MailHash: cutText(comment.mailHash, MAX_TEXT) } : {}),
    // An auto-reply or bounce is for agents only and must not reach the requester again.
    IsAutoReply: comment.autoReply,
    Internal: comment.autoReply,
    ...(outbox ? { MailStatus: 'Received', ...messageIdField(comment.messageId) } : {}),
  };
}

export async function createComment(
  comments: ListRef,
  comment: NewComment,
  outbox = false,
): Promise<CommentRef> {
  const fields = commentFields(comment, outbox);
  return createItem(
    comments,
    fields,
    'create comment',
    (item) => ({ id: item.id }),
    async () => {
      const [found] = await findByMailKeys(comments, [comment.mailKey], 'comment');
      return found?.commentId ? { id: found.commentId, existed: true } : undefined;
    },
  );
}
