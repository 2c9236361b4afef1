import { runPipeline } from '../../../../lib/pipeline/runner';
import { ticket } from '../../../../lib/pipeline/stages/ticket';
import { aContext, aMail, aWorld } from './support';

describe('two deliveries of one mail racing past the dedupe check', () => {
  it('when the other delivery wrote the ticket first, then this one is a duplicate, not a second creation', async () => {
    const w = aWorld();
    const mail = aMail({ messageId: '<race@example.com>' });
    const first = aContext(mail, w.site);
    first.requester = { id: '1', email: 'ann@example.com', name: 'Ann' };
    const second = { ...aContext(mail, w.site), requester: first.requester };

    expect((await runPipeline([ticket], first, w.deps)).outcome).toBe('ticket-created');
    const raced = await runPipeline([ticket], second, w.deps);
    expect(raced.outcome).toBe('duplicate');
    expect(second.ticket?.id).toBe(first.ticket?.id);
    expect(w.site.tickets).toHaveLength(1);
  });
});
