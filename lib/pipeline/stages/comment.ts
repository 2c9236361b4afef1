import type { CommentRef, CommentWriter, ThreadFinder } from '../../sharepoint/helpdesk';
import type { Admitted } from '../admit';
import { writeOwn } from '../claim';
import type { CommentRoute } from '../route';
import { type Stage, go } from '../stage';
import type { RequesterInput } from './requester';

export interface CommentInput extends Pick<Admitted, 'message' | 'mail' | 'classification'> {
  site: CommentWriter & ThreadFinder;
  route: CommentRoute;
  sender: RequesterInput['known'];
}

/**
 * Writes a threaded mail as a comment on its ticket: the quoted history cut off, the sender as a
 * contact, an auto-reply or bounce as an internal comment. The unique MailKey column makes a
 * racing second delivery of the same mail return the first; a different mail racing for the same
 * Message-ID gets a comment of its own (claim.ts).
 */
export const comment: Stage<CommentInput, CommentRef> = {
  name: 'comment',
  timeoutMs: 60_000,
  async run({ message, mail, classification, site, route, sender }, deps) {
    const comment = {
      ticketId: route.ticketId,
      ...route.draft,
      senderId: sender?.id,
      mailHash: route.identity.mailHash,
      messageId: mail.messageId,
      autoReply: classification.kind !== 'normal',
    };
    const written = await writeOwn(
      route.identity,
      message,
      deps,
      (mailKey) => site.createComment({ ...comment, mailKey }),
      (mailKey) => site.findCommentsByMailKeys([mailKey]),
    );
    return go(written);
  },
};
