/**
 * The Mail Log decision (pipeline/mailLog.ts) on fakes of our own interfaces: which mail gets an
 * item and with what reason, a burst bounded to its first drop, no time left, recovered mail.
 * What processMail does around it: mailLogFlow.test.ts.
 */
import { MAIL_DEADLINE_MS } from '../../../lib/deadline';
import { BURST_LOGGED, notATicketReason, recordNotATicket } from '../../../lib/pipeline/mailLog';
import type { PipelineResult } from '../../../lib/pipeline/runner';
import { LOOP, NO_SENDER, logWorld } from './fakeMailLog';
import { MESSAGE } from './mailWorld';

const message = MESSAGE;
const ended = (outcome: string, code?: string): PipelineResult => ({
  outcome,
  trace: code ? [{ stage: 'burst', verdict: 'stop', ms: 0, code }] : [],
});
const failedWith = (kind: 'retry' | 'reject', code: 'no-sender' | 'graph-throttled') => ({
  outcome: kind === 'retry' ? 'retry' : 'rejected',
  failure: { kind, code, stage: 'x' },
  trace: [],
});

describe('the Mail Log decision', () => {
  it.each([
    ['dropped-auto-reply', 'auto-reply'],
    ['dropped-bounce', 'bounce'],
    ['dropped-loop', 'loop'],
    ['dropped-abuse-report', 'abuse-report'],
    ['dropped-spam', 'spam'],
    ['dropped-sender-burst', 'burst'],
    ['purged-licence-expired', 'held-expired'],
    ['purged-licence-suspended', 'held-expired'],
    ['ticket-created', undefined],
    ['duplicate', undefined],
    ['held-licence-expired', undefined],
    ['already-processed', undefined],
  ])('when a mail ends %s, then its reason is %s', (outcome, reason) => {
    expect(notATicketReason(ended(outcome), false)).toBe(reason);
  });

  it('when a mail is refused for good, or fails its last delivery, then it is poisoned/<code>; a retry before is not logged', () => {
    expect(notATicketReason(failedWith('reject', 'no-sender'), false)).toBe('poisoned/no-sender');
    expect(notATicketReason(failedWith('retry', 'graph-throttled'), false)).toBeUndefined();
    expect(notATicketReason(failedWith('retry', 'graph-throttled'), true)).toBe(
      'poisoned/graph-throttled',
    );
  });

  it("when senders burst, then only the window's first dropped mail gets an item; the others are only logged", async () => {
    const w = logWorld(LOOP);
    const burst = 'dropped-sender-burst';
    expect(
      await recordNotATicket(message, ended(burst, 'over-limit'), w.deps, { lastDelivery: false }),
    ).toBe('kept');
    expect(w.mailLog.items.size).toBe(0);
    expect(w.blobs.size).toBe(0);
    w.blobs.set('b1', LOOP);
    expect(
      await recordNotATicket(message, ended(burst, BURST_LOGGED), w.deps, { lastDelivery: false }),
    ).toBe('logged');
    expect([...w.mailLog.items.values()][0]?.entry.reason).toBe('burst');
  });

  it('when the invocation has no time left for the write, then a drop is retried, never cut off by the host', async () => {
    const w = logWorld(LOOP);
    const late = { lastDelivery: false, elapsedMs: MAIL_DEADLINE_MS };
    expect(await recordNotATicket(message, ended('dropped-loop'), w.deps, late)).toEqual({
      retry: 'stage-timeout',
    });
    expect(w.mailLog.items.size).toBe(0);
    expect(w.blobs.size).toBe(1);
  });

  it('when a mail was recovered from the Mail Log, then it is not logged there again', async () => {
    const w = logWorld(NO_SENDER);
    const recovered = { ...message, recovery: { itemId: '3' } };
    expect(
      await recordNotATicket(recovered, ended('dropped-loop'), w.deps, { lastDelivery: false }),
    ).toBe('none');
    expect(w.blobs.size).toBe(1);
  });
});
