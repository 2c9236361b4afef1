/**
 * How a recovered mail's end marks its Mail Log item (lib/pipeline/recovered.ts): Failed with a
 * code when refused for good or still dropped, untouched while on its way, Done after all when
 * a Failed one is written, Done without a ticket when none is under its key, and nothing at all
 * for a mail that is no recovery.
 */
import { processMail } from '../../../lib/pipeline/processMail';
import { markRecovered } from '../../../lib/pipeline/recovered';
import type { PipelineResult } from '../../../lib/pipeline/runner';
import { aRecovery, failure, message } from './recoveryWorld';

describe('the mark of a recovered mail', () => {
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
