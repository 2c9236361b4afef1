/**
 * A mail recovered from the Mail Log through the pipeline (processMail with fakes of our own
 * interfaces): it becomes a ticket whatever it was judged before, asks for no ack, and its item
 * ends Done with that ticket exactly once, across redeliveries and a second staging; a mail
 * refused for good ends the item Failed with a code; one still on its way marks nothing.
 */
import { type ErrorCode, TransientError } from '../../../lib/errors';
import { messageIdKey } from '../../../lib/mail/mailKey';
import { processMail } from '../../../lib/pipeline/processMail';
import { markRecovered } from '../../../lib/pipeline/recovered';
import type { PipelineResult } from '../../../lib/pipeline/runner';
import type { MailMessage } from '../../../lib/storage/staging';
import { MESSAGE, tenant, world } from '../pipeline/mailWorld';
import { MemoryMailLogBook } from './fakeBook';

const OUT_OF_OFFICE = Buffer.from(
  'From: Ann <ann@example.com>\r\nSubject: Automatic reply: Printer\r\nMessage-ID: <ooo1@x>\r\n' +
    'Auto-Submitted: auto-replied\r\n\r\nI am away until Monday.',
);

const message: MailMessage = { ...MESSAGE, recovery: { itemId: '7' } };

async function aRecovery(raw = OUT_OF_OFFICE) {
  const w = world(raw);
  const site = await w.deps.helpdesks.open(tenant);
  const book = new MemoryMailLogBook();
  // The item's MailKey, as the Mail Log wrote it: the key the pipeline writes the ticket under.
  book.add('7', { action: 'Making', mailKey: messageIdKey('<ooo1@x>') });
  w.deps.helpdesks = { open: async () => ({ ...site, mailLogBook: book }) };
  // Every mail would get an ack if the rules let it: a recovered one must not ask for one.
  w.deps.acks = { claim: async () => true };
  return { ...w, book, site };
}

/** What the runner answers for a mail that failed: poisoned now, or retried by the queue. */
const failure = (kind: 'reject' | 'retry', code: ErrorCode): PipelineResult => ({
  outcome: kind === 'retry' ? 'retry' : 'rejected',
  failure: { kind, code, stage: 'ticket' },
  trace: [],
});

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

  it.each<{ desc: string; result: PipelineResult; last: boolean; want: object }>([
    {
      desc: 'it is refused for good',
      result: failure('reject', 'mail-unparseable'),
      last: false,
      want: { action: 'Failed', note: 'mail-unparseable' },
    },
    {
      desc: 'its last delivery fails',
      result: failure('retry', 'graph-throttled'),
      last: true,
      want: { action: 'Failed', note: 'graph-throttled' },
    },
    {
      desc: 'a delivery before the last fails',
      result: failure('retry', 'graph-throttled'),
      last: false,
      want: { action: 'Making', version: 1 },
    },
    {
      desc: 'it is still dropped (its licence hold ran out)',
      result: { outcome: 'purged-licence-expired', trace: [] },
      last: false,
      want: { action: 'Failed', note: 'licence-expired' },
    },
  ])('when $desc, then the item becomes $want.action', async (c) => {
    const w = await aRecovery();
    await markRecovered(message, c.result, w.deps, c.last);
    expect(w.book.items.get('7')).toMatchObject(c.want);
  });

  it('when it is still dropped, then its staged copy goes too (the Mail Log does not take it again)', async () => {
    const w = await aRecovery();
    await markRecovered(message, { outcome: 'purged-licence-expired', trace: [] }, w.deps, false);
    expect(w.blobs.size).toBe(0);
    expect(w.book.items.get('7')?.action).toBe('Failed');
  });

  it('when a mail its item says Failed is written after all (a replay of the poisoned mail), then the item becomes Done; a second failure leaves it as it is', async () => {
    const w = await aRecovery();
    w.book.items.get('7')!.action = 'Failed';
    await markRecovered(message, failure('reject', 'mail-unparseable'), w.deps, false);
    expect(w.book.items.get('7')).toMatchObject({ action: 'Failed', version: 1 });
    await processMail(message, w.deps, { dequeueCount: 1 });
    expect(w.book.items.get('7')).toMatchObject({ action: 'Done', ticketId: '1' });
  });

  it('when no ticket is found under the item MailKey, then the item is Done without a ticket', async () => {
    const w = await aRecovery();
    await markRecovered(message, { outcome: 'ticket-created', trace: [] }, w.deps, false);
    expect(w.book.items.get('7')?.action).toBe('Done');
    expect(w.book.items.get('7')).not.toHaveProperty('ticketId');
  });

  it('when the message is no recovery, then no Mail Log request is made', async () => {
    const w = await aRecovery();
    const { recovery: _, ...plain } = message;
    await processMail(plain, w.deps, { dequeueCount: 1 });
    expect(w.book.calls).toEqual([]);
  });
});
