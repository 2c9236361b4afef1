/**
 * The pipeline only asks for an ack (issue 9): a new ticket is written `To send` when the ack
 * rules allow one; the outbox timer sends it. Tickets and comments keep the mail's Message-ID
 * (the writer leaves out one too long for its column: lib/sharepoint/columnText.ts).
 */
import { runPipeline } from '../../../../lib/pipeline/runner';
import { comment } from '../../../../lib/pipeline/stages/comment';
import { ticket } from '../../../../lib/pipeline/stages/ticket';
import { ticketDraft } from '../../../../lib/mail/ticketDraft';
import { MemorySenderAcks } from '../../outbound/fakes';
import {
  type MailFields,
  SUPPORT,
  aMail,
  aTicketRoute,
  aWorld,
  anAdmitted,
  identityOf,
} from './support';

const requester = { id: '1', email: 'ann@example.com', name: 'Ann' };

function acked(acks = new MemorySenderAcks()) {
  const w = aWorld();
  w.deps.acks = acks;
  /** Writes the mail's ticket; answers the ticket as stored. */
  const write = async (fields: MailFields) => {
    const admitted = anAdmitted(aMail(fields), w.site);
    const result = await runPipeline(w.deps, async (run) => {
      const input = { ...admitted, route: aTicketRoute(admitted), requester, cc: [] };
      await run.step(ticket, input);
      return 'written';
    });
    expect(result.failure).toBeUndefined();
    return w.site.tickets.find((t) => t.mailKey === admitted.mailKey);
  };
  return { w, acks, write };
}

describe('the ticket stage asks for an ack', () => {
  it('when a person writes a new mail, then its ticket waits To send with the Message-ID', async () => {
    const { w, write } = acked();
    const written = await write({ messageId: '<new@example.com>' });
    expect(written).toMatchObject({ mailStatus: 'To send', messageId: '<new@example.com>' });
    // Keeping traces stable: asking for an ack adds no code to the ticket stage.
    expect(w.log.events).toEqual([]);
  });

  it.each<[string, MailFields]>([
    ['list mail', { headers: { 'List-Id': '<team.lists.example.com>' } }],
    ['bulk mail', { headers: { Precedence: 'bulk' } }],
    ['a no-reply sender', { from: { address: 'no-reply@example.com', name: 'Robot' } }],
    ['the support address itself', { from: { address: SUPPORT, name: 'Support' } }],
  ])('when the mail is %s, then no ack is asked for', async (_what, fields) => {
    const { write } = acked();
    const written = await write({ messageId: '<skip@example.com>', ...fields });
    expect(written).toBeDefined();
    expect(written?.mailStatus).toBeUndefined();
  });

  it('when the sender got an ack within the hour, then the next ticket asks for none', async () => {
    const { write } = acked();
    expect((await write({ messageId: '<first@example.com>' }))?.mailStatus).toBe('To send');
    expect((await write({ messageId: '<second@example.com>' }))?.mailStatus).toBeUndefined();
  });

  it('when the same mail is delivered again, then it gets the same answer as the first time', async () => {
    const acks = new MemorySenderAcks();
    const first = acked(acks);
    expect((await first.write({ messageId: '<again@example.com>' }))?.mailStatus).toBe('To send');
    // A second delivery, on a site where the first write was lost, asks again with the same key.
    const second = acked(acks);
    expect((await second.write({ messageId: '<again@example.com>' }))?.mailStatus).toBe('To send');
  });

  it('when the pipeline has no acks memory, then no ack is asked for', async () => {
    const w = aWorld();
    const admitted = anAdmitted(aMail(), w.site);
    await runPipeline(w.deps, async (run) => {
      await run.step(ticket, { ...admitted, route: aTicketRoute(admitted), requester, cc: [] });
      return 'written';
    });
    expect(w.site.tickets[0]?.mailStatus).toBeUndefined();
    expect(w.site.tickets[0]?.messageId).toBe('<m1@example.com>');
  });
});

describe('the comment stage keeps the Message-ID', () => {
  it("when a reply is written as a comment, then it stores the reply's own Message-ID", async () => {
    const w = aWorld();
    const seeded = await w.site.seedTicket('k', 'ann@example.com');
    const mail = aMail({ messageId: '<reply@example.com>', subject: 'Re: Printer' });
    const admitted = anAdmitted(mail, w.site);
    const route = {
      kind: 'comment' as const,
      identity: identityOf(admitted),
      ticketId: seeded.id,
      draft: ticketDraft(admitted.mail, { reply: true }),
    };
    await runPipeline(w.deps, async (run) => {
      await run.step(comment, { ...admitted, route, sender: requester });
      return 'written';
    });
    expect(w.site.comments[0]).toMatchObject({ messageId: '<reply@example.com>' });
  });
});
