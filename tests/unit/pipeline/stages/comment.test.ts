import { runPipeline } from '../../../../lib/pipeline/runner';
import { burst } from '../../../../lib/pipeline/stages/burst';
import { comment } from '../../../../lib/pipeline/stages/comment';
import { ticket } from '../../../../lib/pipeline/stages/ticket';
import { aContext, aMail, aWorld } from './support';

describe('comment stage', () => {
  it('when a reply threads, then a comment is written with the quoted history cut and no ticket', async () => {
    const w = aWorld();
    const seeded = await w.site.seedTicket('k', 'ann@example.com');
    const mail = aMail({
      subject: 'Re: Printer broken',
      text: 'Now it jams.\n\nOn Mon, 2 Mar 2026 at 10:00, Support <support@contoso.com> wrote:\n> What model?',
    });
    const ctx = {
      ...aContext(mail, w.site),
      thread: { ticketId: seeded.id },
      requester: { id: '1', email: 'ann@example.com', name: 'Ann' },
    };
    const result = await runPipeline([ticket, comment], ctx, w.deps);
    expect(result.outcome).toBe('comment-created');
    expect(w.site.tickets).toHaveLength(1);
    expect(w.site.comments).toEqual([
      expect.objectContaining({
        ticketId: seeded.id,
        title: 'Re: Printer broken',
        body: '<p>Now it jams.</p>',
        senderId: '1',
        autoReply: false,
      }),
    ]);
    expect(ctx.ticket).toEqual({ id: seeded.id });
    expect(ctx.comment).toEqual({ id: w.site.comments[0]?.id });
  });

  it('when a threaded mail is an auto-reply, then its comment is marked so', async () => {
    const w = aWorld();
    const seeded = await w.site.seedTicket('k', 'ann@example.com');
    const mail = aMail({ headers: { 'Auto-Submitted': 'auto-replied' } });
    const ctx = { ...aContext(mail, w.site), thread: { ticketId: seeded.id } };
    await runPipeline([comment], ctx, w.deps);
    expect(w.site.comments[0]).toMatchObject({ autoReply: true, senderId: undefined });
  });
});

describe('burst stage', () => {
  it('when a sender passes the limit, then the mail is dropped and the sender logged as an HMAC only', async () => {
    const w = aWorld(2);
    const outcomes = [];
    for (const id of ['<a@x>', '<b@x>', '<a@x>', '<c@x>']) {
      const ctx = aContext(aMail({ messageId: id }), w.site);
      outcomes.push((await runPipeline([burst], ctx, w.deps)).outcome);
    }
    expect(outcomes).toEqual(['done', 'done', 'done', 'dropped-sender-burst']);
    expect(w.removed).toEqual(['b1']);
    expect(w.log.events).toEqual([
      expect.objectContaining({ event: 'mail.sender-burst', sender: 'hmac-of-sender' }),
    ]);
    expect(JSON.stringify(w.log.events)).not.toContain('ann@example.com');
  });
});
