/**
 * The Mail Log decision (pipeline/mailLog.ts) on fakes of our own interfaces: which mail gets an
 * item and with what reason, when the staged copy goes, and what a failed write does to the mail.
 */
import { FUNCTION_TIMEOUT_MS } from '../../../lib/deadline';
import { PermanentError, TransientError } from '../../../lib/errors';
import { mailKey } from '../../../lib/mail/mailKey';
import { BURST_LOGGED, notATicketReason, recordNotATicket } from '../../../lib/pipeline/mailLog';
import { processMail } from '../../../lib/pipeline/processMail';
import type { PipelineResult, Run } from '../../../lib/pipeline/runner';
import { load } from '../../../lib/pipeline/stages/load';
import type { HelpdeskSite } from '../../../lib/sharepoint/helpdesk';
import type { MailLog, MailLogEntry } from '../../../lib/sharepoint/mailLog';
import type { MailMessage } from '../../../lib/storage/staging';
import { MESSAGE, world } from './mailWorld';

const message = MESSAGE;
// From the support address itself: a loop, dropped by classify.
const LOOP = Buffer.from(
  'From: Desk <support@contoso.com>\r\nSubject: Re: Printer\r\nMessage-ID: <l1@x>\r\n\r\nLoop.',
);
const NO_SENDER = Buffer.from('Subject: Who?\r\nMessage-ID: <n1@x>\r\n\r\nNobody wrote this.');

/** A Mail Log with SharePoint's unique MailKey; `fail` makes the next writes throw. */
class MemoryMailLog implements MailLog {
  readonly items = new Map<string, { entry: MailLogEntry; original: Buffer }>();
  fail: Error[] = [];
  async record(entry: MailLogEntry, original: Buffer): Promise<string> {
    const error = this.fail.shift();
    if (error) throw error;
    if (!this.items.has(entry.mailKey)) this.items.set(entry.mailKey, { entry, original });
    return entry.mailKey;
  }
}

function logWorld(raw: Buffer, withList = true) {
  const w = world(raw);
  const mailLog = new MemoryMailLog();
  const open = w.deps.helpdesks.open;
  w.deps.helpdesks = {
    open: async (ref) => {
      const site: HelpdeskSite = await open(ref);
      return withList ? { ...site, mailLog } : site;
    },
  };
  return { ...w, mailLog };
}

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

  it('when a loop is dropped, then one item keeps its key, sender, subject and original, the staged copy goes, and a redelivery makes no second', async () => {
    const w = logWorld(LOOP);
    expect((await processMail(message, w.deps, { dequeueCount: 1 })).outcome).toBe('dropped-loop');
    w.blobs.set('b1', LOOP);
    await processMail(message, w.deps, { dequeueCount: 2 });
    expect([...w.mailLog.items.values()]).toEqual([
      {
        entry: {
          mailKey: mailKey('<l1@x>', LOOP),
          received: message.receivedAt,
          outcome: 'dropped-loop',
          reason: 'loop',
          sender: 'support@contoso.com',
          subject: 'Re: Printer',
        },
        original: LOOP,
      },
    ]);
    expect(w.blobs.size).toBe(0);
    expect(w.log.events.filter((e) => e.event === 'mail.log')).toEqual([
      expect.objectContaining({ outcome: 'written' }),
      expect.objectContaining({ outcome: 'written' }),
    ]);
  });

  it('when the site has no Mail Log, then the mail is dropped as before, with a line saying so', async () => {
    const w = logWorld(LOOP, false);
    expect((await processMail(message, w.deps, { dequeueCount: 1 })).outcome).toBe('dropped-loop');
    expect(w.blobs.size).toBe(0);
    expect(w.log.events.at(-1)).toMatchObject({ event: 'mail.log', outcome: 'missing' });
  });

  it('when the write fails for now, then the mail is retried with its staged copy kept; refused for good, it is dropped as before', async () => {
    const w = logWorld(LOOP);
    w.mailLog.fail = [new TransientError('graph-throttled', 'throttled')];
    await expect(processMail(message, w.deps, { dequeueCount: 1 })).rejects.toThrow(TransientError);
    expect(w.blobs.has('b1')).toBe(true);
    w.mailLog.fail = [new PermanentError('original-refused', 'refused')];
    await processMail(message, w.deps, { dequeueCount: 2 });
    expect(w.blobs.size).toBe(0);
    expect(w.mailLog.items.size).toBe(0);
    expect(w.log.events.at(-1)).toMatchObject({ outcome: 'failed', code: 'original-refused' });
  });

  it('when a mail is refused for good, then it goes to the Mail Log instead of the poison queue', async () => {
    const w = logWorld(NO_SENDER);
    const result = await processMail(message, w.deps, { dequeueCount: 1 });
    expect(result.failure).toMatchObject({ kind: 'reject', code: 'no-sender' });
    expect([...w.mailLog.items.values()].map((i) => i.entry)).toEqual([
      expect.objectContaining({
        outcome: 'poisoned',
        reason: 'poisoned/no-sender',
        subject: 'Who?',
      }),
    ]);
    expect(w.mailLog.items.values().next().value?.entry.sender).toBeUndefined();
    expect(w.poisoned).toEqual([]);
    expect(w.blobs.size).toBe(0);
  });

  it('when a poisoned mail cannot be written there, then it is poisoned as before with its staged copy kept', async () => {
    const w = logWorld(NO_SENDER);
    w.mailLog.fail = [new TransientError('graph-unavailable', 'down')];
    await processMail(message, w.deps, { dequeueCount: 1 });
    expect(w.poisoned).toEqual(['no-sender']);
    expect(w.blobs.has('b1')).toBe(true);
  });

  it('when a mail fails its last delivery, then the Mail Log keeps it and the queue message completes', async () => {
    const failing = async (run: Run, m: MailMessage): Promise<string> => {
      await run.step(load, m);
      throw new TransientError('graph-throttled', 'throttled');
    };
    const w = logWorld(LOOP);
    await expect(processMail(message, w.deps, { dequeueCount: 4 }, failing)).rejects.toThrow(
      TransientError,
    );
    expect(w.mailLog.items.size).toBe(0);
    const last = await processMail(message, w.deps, { dequeueCount: 5 }, failing);
    expect(last.failure).toMatchObject({ kind: 'retry', code: 'graph-throttled' });
    expect([...w.mailLog.items.values()][0]?.entry.reason).toBe('poisoned/graph-throttled');
    expect(w.blobs.size).toBe(0);
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
    const late = { lastDelivery: false, elapsedMs: FUNCTION_TIMEOUT_MS };
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
