/**
 * Threading by headers needs only a Message-ID, which anyone who saw the mail knows (a Bcc
 * recipient, a forward). Such a reply may still be written as a comment, but only the ticket's
 * own people (requester, Cc contacts, agents) may widen who the ticket's answers reach.
 */
import { messageIdKey } from '../../../../lib/mail/mailKey';
import { runPipeline } from '../../../../lib/pipeline/runner';
import { aMail, aWorld, anAdmitted, routeAndWrite } from './support';

const person = (address: string) => ({ address, name: '' });

/** Ticket opened by <t1@example.com> from `requesterAddress`, Cc old@example.com; a reply from `sender`. */
async function replyFrom(sender: string, requesterAddress = 'ann@example.com') {
  const w = aWorld();
  const seeded = await w.site.seedTicket(messageIdKey('<t1@example.com>') ?? '', requesterAddress, [
    'old@example.com',
  ]);
  const mail = aMail({
    messageId: '<reply@example.net>',
    inReplyTo: '<t1@example.com>',
    from: person(sender),
    cc: [person('new@example.net')],
  });
  const before = [...seeded.ccIds];
  const admitted = anAdmitted(mail, w.site);
  const result = await runPipeline(w.deps, (run) => routeAndWrite(run, admitted));
  const newId = w.site.contacts.find((c) => c.email === 'new@example.net')?.id;
  return { result, newId, before, after: seeded.ccIds, calls: w.site.calls, w };
}

describe('CCs of a reply threaded by headers', () => {
  it("when a stranger's reply threads by headers, then the comment is written but its CCs do not join the ticket", async () => {
    const { w, result, before, after } = await replyFrom('mallory@evil.example');
    expect(result.outcome).toBe('comment-created');
    expect(w.site.comments).toHaveLength(1);
    expect(after).toEqual(before);
    expect(result.trace.find((t) => t.stage === 'ticket-cc')?.code).toBe('cc-not-entitled');
    expect(w.site.calls).not.toContain('setTicketCc');
  });

  it.each([
    ['the requester', 'ann@example.com'],
    ['a Cc contact', 'old@example.com'],
    ['an agent', 'agent@contoso.com'],
  ])(
    'when %s replies by headers with a new CC, then the CC joins the ticket',
    async (_d, sender) => {
      const { before, after, newId } = await replyFrom(sender);
      expect(after).toEqual([...before, newId]);
    },
  );

  it("when a colleague on an internal helpdesk replies to someone else's ticket by headers, then its CCs do not join", async () => {
    const { before, after } = await replyFrom('colleague@contoso.com', 'ann@contoso.com');
    expect(after).toEqual(before);
  });
});
