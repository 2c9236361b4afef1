/**
 * processMail with the Mail Log (pipeline/mailLog.ts) on fakes of our own interfaces: the item
 * and when the staged copy goes, a site without the list, a write failing for now or for good,
 * poisoned mail kept there instead of the poison queue, and the write bounded by the time the
 * invocation has left (a moved clock, nothing waits).
 */
import { MAIL_DEADLINE_MS } from '../../../lib/deadline';
import { PermanentError, TransientError } from '../../../lib/errors';
import { mailKey } from '../../../lib/mail/mailKey';
import { deliverMail, processMail } from '../../../lib/pipeline/processMail';
import type { Run } from '../../../lib/pipeline/runner';
import { load } from '../../../lib/pipeline/stages/load';
import type { MailMessage } from '../../../lib/storage/staging';
import { LOOP, NO_SENDER, logWorld } from './fakeMailLog';
import { MESSAGE } from './mailWorld';

const message = MESSAGE;

describe('processMail and the Mail Log', () => {
  it('when a loop is dropped, then one item keeps its key, sender, subject and original, the staged copy goes, and a redelivery makes no second', async () => {
    const w = logWorld(LOOP);
    expect((await processMail(message, w.deps, { dequeueCount: 1 })).outcome).toBe('dropped-loop');
    w.blobs.set('b1', LOOP);
    await processMail(message, w.deps, { dequeueCount: 2 });
    expect([...w.mailLog.items.values()]).toEqual([
      {
        entry: {
          mailKey: mailKey('<l1@x>', LOOP),
          fingerprint: expect.stringMatching(/^[0-9a-f]{64}$/),
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

  it('when the invocation has used the mail deadline by the write, counted from its start, then the write is not begun and the drop is retried with its copy', async () => {
    let now = 5_000;
    // The pipeline's own work moves the clock: what is left is counted from the invocation.
    const slow = (run: Run, m: MailMessage): Promise<string> => {
      now += MAIL_DEADLINE_MS - 5_000;
      return deliverMail(run, m);
    };
    const w = logWorld(LOOP);
    const delivery = { dequeueCount: 1, startedAt: 0, clock: () => now };
    await expect(processMail(message, w.deps, delivery, slow)).rejects.toThrow(TransientError);
    expect(w.mailLog.items.size).toBe(0);
    expect(w.blobs.has('b1')).toBe(true);
    expect(w.log.events.at(-1)).toMatchObject({ outcome: 'retry', code: 'stage-timeout' });

    // The same work in an invocation that began 5 s later leaves 5 s: the item is written.
    const again = { dequeueCount: 2, startedAt: 5_000, clock: () => now };
    now = 5_000;
    expect((await processMail(message, w.deps, again, slow)).outcome).toBe('dropped-loop');
    expect(w.mailLog.items.size).toBe(1);
  });
});
