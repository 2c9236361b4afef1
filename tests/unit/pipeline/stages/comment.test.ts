import { runPipeline } from '../../../../lib/pipeline/runner';
import { burst } from '../../../../lib/pipeline/stages/burst';
import { comment } from '../../../../lib/pipeline/stages/comment';
import { ticketDraft } from '../../../../lib/mail/ticketDraft';
import type { CommentRoute } from '../../../../lib/pipeline/route';
import { type Written, writeComment } from '../../../../lib/pipeline/write';
import type { Admitted } from '../../../../lib/pipeline/admit';
import { aMail, aWorld, anAdmitted, identityOf } from './support';

const replyOn = (admitted: Admitted, ticketId: string): CommentRoute => ({
  kind: 'comment',
  identity: identityOf(admitted),
  ticketId,
  draft: ticketDraft(admitted.mail, { reply: true }),
});

describe('comment stage', () => {
  it('when a reply threads, then a comment is written with the quoted history cut and no ticket', async () => {
    const w = aWorld();
    const seeded = await w.site.seedTicket('k', 'ann@example.com');
    const mail = aMail({
      subject: 'Re: Printer broken',
      text: 'Now it jams.\n\nOn Mon, 2 Mar 2026 at 10:00, Support <support@contoso.com> wrote:\n> What model?',
    });
    const admitted = anAdmitted(mail, w.site);
    const route = {
      ...replyOn(admitted, seeded.id),
      sender: { id: '1', email: 'ann@example.com', name: 'Ann' },
    };
    let written: Written | undefined;
    const result = await runPipeline(w.deps, async (run) => {
      written = await writeComment(run, admitted, route);
      return written.outcome;
    });
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
    expect(written?.folder).toEqual({ ticketId: seeded.id, commentId: w.site.comments[0]?.id });
  });

  it('when a threaded mail is an auto-reply, then its comment is marked so', async () => {
    const w = aWorld();
    const seeded = await w.site.seedTicket('k', 'ann@example.com');
    const admitted = anAdmitted(aMail({ headers: { 'Auto-Submitted': 'auto-replied' } }), w.site);
    const route = replyOn(admitted, seeded.id);
    await runPipeline(w.deps, async (run) => {
      await run.step(comment, { ...admitted, route, sender: undefined });
      return 'done';
    });
    expect(w.site.comments[0]).toMatchObject({ autoReply: true, senderId: undefined });
  });
});

describe('burst stage', () => {
  it('when a sender passes the limit, then the mail is dropped and the sender logged as an HMAC only', async () => {
    const w = aWorld(2);
    const outcomes = [];
    for (const id of ['<a@x>', '<b@x>', '<a@x>', '<c@x>']) {
      const admitted = anAdmitted(aMail({ messageId: id }), w.site);
      const { mailHash } = identityOf(admitted);
      const result = await runPipeline(w.deps, async (run) => {
        await run.step(burst, { ...admitted, mailHash });
        return 'done';
      });
      outcomes.push(result.outcome);
    }
    expect(outcomes).toEqual(['done', 'done', 'done', 'dropped-sender-burst']);
    // The staged copy stays until the Mail Log step at the end of processMail (mailLog.ts).
    expect(w.removed).toEqual([]);
    expect(w.log.events).toEqual([
      expect.objectContaining({ event: 'mail.sender-burst', sender: 'hmac-of-sender' }),
    ]);
    expect(JSON.stringify(w.log.events)).not.toContain('ann@example.com');
  });
});
