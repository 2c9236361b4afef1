/**
 * A mail recovered from the Mail Log through the pipeline (processMail with fakes of our own
 * interfaces): it becomes a ticket whatever it was judged before, asks for no ack, and its item
 * ends Done with that ticket exactly once, across redeliveries, a second staging, a host that
 * died before the mark and another delivery marking it first (the other marks: recoveredMarks).
 */
import { TransientError } from '../../../lib/errors';
import { processMail } from '../../../lib/pipeline/processMail';
import { markRecovered } from '../../../lib/pipeline/recovered';
import { OUT_OF_OFFICE, aRecovery, message } from './recoveryWorld';

describe('a mail recovered from the Mail Log', () => {
  it('when it is an auto-reply that answers no ticket, then it becomes one ticket without an ack and the item is Done with it', async () => {
    const w = await aRecovery();
    const result = await processMail(message, w.deps, { dequeueCount: 1 });
    expect(result.outcome).toBe('ticket-created');
    expect(result.trace.find((t) => t.stage === 'classify')?.code).toBe(
      'recovered/auto-reply/auto-submitted',
    );
    expect(w.tickets).toHaveLength(1);
    expect(w.tickets[0]?.mailStatus).toBeUndefined();
    expect(w.book.items.get('7')).toMatchObject({ action: 'Done', ticketId: '1' });
  });

  it('when the item is marked, then a redelivery and a second staging of the same mail leave it Done with the same one ticket', async () => {
    const w = await aRecovery();
    const first = await processMail(message, w.deps, { dequeueCount: 1 });
    expect(first.outcome).toBe('ticket-created');
    expect(w.book.items.get('7')).toMatchObject({ action: 'Done', ticketId: '1' });
    // The queue delivers the same message again (its blob is gone), and a sweep staged it again.
    await processMail(message, w.deps, { dequeueCount: 2 });
    w.blobs.set('b2', OUT_OF_OFFICE);
    const again = await processMail({ ...message, blob: 'b2' }, w.deps, { dequeueCount: 1 });
    expect(again.outcome).toBe('duplicate');
    expect(w.tickets).toHaveLength(1);
    expect(w.book.items.get('7')).toMatchObject({ action: 'Done', ticketId: '1', version: 2 });
  });

  it('when the host died before the mark, then the next staging of the mail marks it Done with the first ticket', async () => {
    const w = await aRecovery();
    const setAction = w.book.setAction.bind(w.book);
    w.book.setAction = () => Promise.reject(new TransientError('graph-unavailable', 'down'));
    await processMail(message, w.deps, { dequeueCount: 1 });
    expect(w.book.items.get('7')?.action).toBe('Making');
    expect(w.log.events).toContainEqual(
      expect.objectContaining({
        event: 'maillog.recovered',
        outcome: 'failed',
        code: 'graph-unavailable',
      }),
    );
    w.book.setAction = setAction;
    w.blobs.set('b2', OUT_OF_OFFICE);
    await processMail({ ...message, blob: 'b2' }, w.deps, { dequeueCount: 1 });
    expect(w.tickets).toHaveLength(1);
    expect(w.book.items.get('7')).toMatchObject({ action: 'Done', ticketId: '1' });
  });

  it('when another delivery marks the item between the read and the mark, then it is left as that one set it', async () => {
    const w = await aRecovery();
    w.book.items.get('7')!.mailKey = 'k';
    w.tickets.push({ id: '3', mailKey: 'k' } as (typeof w.tickets)[number]);
    const readEntry = w.book.readEntry.bind(w.book);
    let reads = 0;
    w.book.readEntry = async (id) => {
      const read = await readEntry(id);
      if (reads++ === 0)
        Object.assign(w.book.items.get('7')!, { action: 'Done', eTag: '"7,9"', ticketId: '3' });
      return read;
    };
    await markRecovered(message, { outcome: 'duplicate', trace: [] }, w.deps, false);
    expect(w.book.calls).toEqual(['read', 'set Done', 'read']);
    expect(w.log.events).toContainEqual(
      expect.objectContaining({ event: 'maillog.recovered', outcome: 'already-marked' }),
    );
  });
});
