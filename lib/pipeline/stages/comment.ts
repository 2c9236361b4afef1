import { commentBody, ticketTitle } from '../../mail/ticketFields';
import { writeOwn } from '../claim';
import { type Stage, need, proceed } from '../stage';

/**
 * Writes a threaded mail as a comment on its ticket: the quoted history cut off, the sender as a
 * contact, an auto-reply or bounce as an internal comment. The unique MailKey column makes a
 * racing second delivery of the same mail return the first; a different mail racing for the same
 * Message-ID gets a comment of its own (claim.ts).
 */
export const comment: Stage = {
  name: 'comment',
  timeoutMs: 60_000,
  async run(ctx, deps) {
    const { thread } = ctx;
    if (!thread) return proceed;
    const mail = need(ctx, 'mail');
    const site = need(ctx, 'site');
    const comment = {
      ticketId: thread.ticketId,
      title: ticketTitle(mail.subject),
      body: commentBody(mail, { remoteImages: ctx.tenant?.remoteImages }),
      senderId: ctx.requester?.id,
      mailHash: need(ctx, 'mailHash'),
      autoReply: need(ctx, 'classification').kind !== 'normal',
    };
    ctx.comment = await writeOwn(
      ctx,
      deps,
      (mailKey) => site.createComment({ ...comment, mailKey }),
      (mailKey) => site.findCommentsByMailKeys([mailKey]),
    );
    ctx.ticket = { id: thread.ticketId };
    return proceed;
  },
};
