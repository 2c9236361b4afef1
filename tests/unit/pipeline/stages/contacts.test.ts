import { ticketDraft } from '../../../../lib/mail/ticketDraft';
import type { Admitted } from '../../../../lib/pipeline/admit';
import { ccAddresses, isAgent } from '../../../../lib/pipeline/parties';
import type { CommentRoute } from '../../../../lib/pipeline/route';
import { type Run, runPipeline } from '../../../../lib/pipeline/runner';
import { cc } from '../../../../lib/pipeline/stages/cc';
import { commentSender } from '../../../../lib/pipeline/stages/requester';
import { ticket } from '../../../../lib/pipeline/stages/ticket';
import { ticketCc } from '../../../../lib/pipeline/stages/ticketCc';
import { writeTicket } from '../../../../lib/pipeline/write';
import { SUPPORT, aMail, aTicketRoute, aWorld, anAdmitted, identityOf } from './support';

const person = (address: string, name = '') => ({ address, name });

/** The stages before a reply's comment: its sender, its Cc, the ticket's Cc; no ticket. */
async function replyParties(run: Run, admitted: Admitted, ticketId: string) {
  const route: CommentRoute = {
    kind: 'comment',
    identity: identityOf(admitted),
    ticketId,
    draft: ticketDraft(admitted.mail, { reply: true }),
  };
  const sender = await run.step(commentSender, { ...admitted, known: undefined });
  const contacts = await run.step(cc, admitted);
  await run.step(ticketCc, { ...admitted, route, cc: contacts, sender });
  return sender;
}

describe('requester and Cc contacts', () => {
  it('when a new mail has recipients besides support, then they become the Cc of its ticket', async () => {
    const w = aWorld();
    const mail = aMail({
      to: [person(SUPPORT), person('boss@example.com', 'Boss')],
      cc: [person('ann@example.com'), person('it@example.com'), person('BOSS@example.com')],
    });
    const admitted = anAdmitted(mail, w.site);
    const write = (run: Run) => writeTicket(run, admitted, aTicketRoute(admitted));
    expect((await runPipeline(w.deps, async (run) => (await write(run)).outcome)).outcome).toBe(
      'ticket-created',
    );
    expect(w.site.contacts.map((c) => c.email)).toEqual([
      'ann@example.com',
      'boss@example.com',
      'it@example.com',
    ]);
    expect(w.site.tickets[0]?.ccIds).toEqual(['2', '3']);
  });

  it('when a reply carries new CCs, then they join the ticket Cc, the requester and known ones not again', async () => {
    const w = aWorld();
    const seeded = await w.site.seedTicket('k', 'ann@example.com', ['old@example.com']);
    const mail = aMail({
      from: person('old@example.com'),
      cc: [person('ann@example.com'), person('new@example.com'), person('old@example.com')],
    });
    const result = await runPipeline(w.deps, async (run) => {
      await replyParties(run, anAdmitted(mail, w.site), seeded.id);
      run.skip(ticket); // a reply writes no ticket
      return 'done';
    });
    expect(result.trace.map((t) => t.code ?? '')).toEqual(['', '', 'cc-added', '']);
    const newId = w.site.contacts.find((c) => c.email === 'new@example.com')?.id;
    expect(w.site.tickets.map((t) => t.ccIds)).toEqual([['2', newId]]);
  });

  it('when an auto-reply threads, then no contact is created and the ticket Cc is untouched', async () => {
    const w = aWorld();
    const seeded = await w.site.seedTicket('k', 'ann@example.com');
    const mail = aMail({
      from: person('mailer-daemon@example.net'),
      cc: [person('new@example.com')],
      headers: { 'Auto-Submitted': 'auto-replied' },
    });
    let sender: unknown = 'not run';
    await runPipeline(w.deps, async (run) => {
      sender = await replyParties(run, anAdmitted(mail, w.site), seeded.id);
      return 'done';
    });
    expect(sender).toBeUndefined();
    expect(w.site.contacts).toHaveLength(1);
    expect(w.site.calls).toEqual(['findContact']);
  });
});

describe('parties', () => {
  it.each([
    ['an address at the support domain', 'agent@contoso.com', [SUPPORT], true],
    ['the same domain in capitals', 'Agent@CONTOSO.com', [SUPPORT], true],
    ['a subdomain', 'agent@eu.contoso.com', [SUPPORT], false],
    ['another domain', 'ann@example.com', [SUPPORT], false],
    ['a public mail domain shared with support', 'anyone@gmail.com', ['help@gmail.com'], false],
  ])('when the sender is %s, then isAgent is %s', (_d, address, support, expected) => {
    expect(isAgent(address, support)).toBe(expected);
  });

  it('when a mail has hundreds of recipients, then at most 20 become Cc contacts', () => {
    const cc = Array.from({ length: 300 }, (_, i) => person(`p${i}@example.com`));
    expect(ccAddresses(aMail({ cc }), [SUPPORT])).toHaveLength(20);
  });

  it('when a recipient has no domain, then it is no contact', () => {
    expect(ccAddresses(aMail({ cc: [person('undisclosed-recipients')] }), [SUPPORT])).toEqual([]);
  });
});
