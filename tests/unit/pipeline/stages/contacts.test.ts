import { ccAddresses, isAgent } from '../../../../lib/pipeline/parties';
import { runPipeline } from '../../../../lib/pipeline/runner';
import { cc } from '../../../../lib/pipeline/stages/cc';
import { requester } from '../../../../lib/pipeline/stages/requester';
import { ticket } from '../../../../lib/pipeline/stages/ticket';
import { ticketCc } from '../../../../lib/pipeline/stages/ticketCc';
import { SUPPORT, aContext, aMail, aWorld } from './support';

const person = (address: string, name = '') => ({ address, name });

describe('requester and Cc contacts', () => {
  it('when a new mail has recipients besides support, then they become the Cc of its ticket', async () => {
    const w = aWorld();
    const mail = aMail({
      to: [person(SUPPORT), person('boss@example.com', 'Boss')],
      cc: [person('ann@example.com'), person('it@example.com'), person('BOSS@example.com')],
    });
    const ctx = aContext(mail, w.site);
    expect((await runPipeline([requester, cc, ticketCc, ticket], ctx, w.deps)).outcome).toBe(
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
    const ctx = { ...aContext(mail, w.site), thread: { ticketId: seeded.id } };
    const result = await runPipeline([requester, cc, ticketCc, ticket], ctx, w.deps);
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
    const ctx = { ...aContext(mail, w.site), thread: { ticketId: seeded.id } };
    await runPipeline([requester, cc, ticketCc], ctx, w.deps);
    expect(ctx.requester).toBeUndefined();
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
