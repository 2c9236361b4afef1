import { runPipeline } from '../../../../lib/pipeline/runner';
import { ticket } from '../../../../lib/pipeline/stages/ticket';
import { aMail, aTicketRoute, aWorld, anAdmitted } from './support';

describe('two deliveries of one mail racing past the dedupe check', () => {
  it('when the other delivery wrote the ticket first, then this one is a duplicate, not a second creation', async () => {
    const w = aWorld();
    const mail = aMail({ messageId: '<race@example.com>' });
    const requester = { id: '1', email: 'ann@example.com', name: 'Ann' };
    const write = () =>
      runPipeline(w.deps, async (run) => {
        const admitted = anAdmitted(mail, w.site);
        const input = { ...admitted, route: aTicketRoute(admitted), requester, cc: [] };
        return (await run.step(ticket, input)).existed ? 'written-before' : 'ticket-created';
      });

    expect((await write()).outcome).toBe('ticket-created');
    const raced = await write();
    expect(raced.outcome).toBe('duplicate');
    // The race is found by the refused write; the winner's ticket is the only one.
    expect(raced.trace.at(-1)).toMatchObject({ stage: 'ticket', code: 'already-written' });
    expect(w.site.tickets).toHaveLength(1);
  });
});
