import { commentBody, ticketTitle } from '../../mail/ticketFields';
import { type Stage, need, proceed } from '../stage';

/**
 * Writes a threaded mail as a comment on its ticket: the quoted history cut off, the sender as a
 * contact, an auto-reply or bounce as an internal comment. The unique MailKey column makes a
 * racing second write return the first.
 */
export const comment: Stage = {
  name: 'comment',
  timeoutMs: 60_000,
  async run(ctx) {
    const { thread } = ctx;
    if (!thread) return proceed;
    const mail = need(ctx, 'mail');
    ctx.comment = await need(ctx, 'site').createComment({
      ticketId: thread.ticketId,
      title: ticketTitle(mail.subject),
      body: commentBody(mail),
      senderId: ctx.requester?.id,
      mailKey: need(ctx, 'mailKey'),
      autoReply: need(ctx, 'classification').kind !== 'normal',
    });
    ctx.ticket = { id: thread.ticketId };
    return proceed;
  },
};
