import { PipelineBug } from '../../../lib/errors';
import { deliverMail, processMail } from '../../../lib/pipeline/processMail';
import { RAW, MESSAGE as message, tenant, world } from './mailWorld';

describe('processMail', () => {
  it('when a staged mail is processed, then one ticket is written with its requester and the staged copy is removed', async () => {
    const w = world();
    const result = await processMail(message, w.deps, { dequeueCount: 1 });
    expect(result.outcome).toBe('ticket-created');
    expect(w.tickets).toEqual([
      expect.objectContaining({
        title: 'Printer',
        requesterId: '7',
        mailbox: 'support@contoso.com',
      }),
    ]);
    expect(w.tickets[0]?.body).toContain('It is broken.');
    expect(w.blobs.size).toBe(0);
    expect(result.trace.map((t) => t.stage)).toEqual([
      'load',
      'parse',
      'tenant',
      'classify',
      'spam',
      'licence',
      'site',
      'dedupe',
      'resume-files',
      'burst',
      'thread',
      'requester',
      'cc',
      'ticket-cc',
      'ticket',
      'comment',
      'attachments',
      'cleanup',
    ]);
  });

  it('when the same mail is delivered again before its blob was removed, then no second ticket is written and the staged copy goes', async () => {
    const w = world();
    await processMail(message, w.deps, { dequeueCount: 1 });
    w.blobs.set('b1', RAW);
    const again = await processMail(message, w.deps, { dequeueCount: 2 });
    expect(again.outcome).toBe('duplicate');
    expect(w.tickets).toHaveLength(1);
    // The mail is in SharePoint already: the service keeps no copy of it.
    expect(w.blobs.has('b1')).toBe(false);
  });

  it('when the blob is already gone, then the message is done without touching SharePoint', async () => {
    const w = world(null);
    expect((await processMail(message, w.deps, { dequeueCount: 3 })).outcome).toBe(
      'already-processed',
    );
    expect(w.tickets).toHaveLength(0);
  });

  it('when SharePoint is throttling, then it throws for the queue to retry and keeps the staged mail', async () => {
    const w = world();
    w.failNextCreates(1);
    await expect(processMail(message, w.deps, { dequeueCount: 1 })).rejects.toMatchObject({
      code: 'graph-throttled',
    });
    expect(w.blobs.size).toBe(1);
    expect((await processMail(message, w.deps, { dequeueCount: 2 })).outcome).toBe(
      'ticket-created',
    );
    expect(w.tickets).toHaveLength(1);
  });

  it('when the mail has no sender, then it is poisoned at once with the staged mail kept', async () => {
    const w = world(Buffer.from('Subject: no sender\r\n\r\nbody'));
    const result = await processMail(message, w.deps, { dequeueCount: 1 });
    expect(result.failure).toMatchObject({ kind: 'reject', code: 'no-sender' });
    expect(w.poisoned).toEqual(['no-sender']);
    expect(w.blobs.size).toBe(1);
  });

  it('when the queue message is junk, then it is poisoned, not retried', async () => {
    const w = world();
    const result = await processMail('{"not":"a mail"}', w.deps, { dequeueCount: 1 });
    expect(result.outcome).toBe('rejected');
    expect(w.poisoned).toEqual(['bad-queue-message']);
  });

  it('when processed, then the log has ids, outcome and trace but no subject, body or address', async () => {
    const w = world();
    await processMail(message, w.deps, { dequeueCount: 1 });
    const logged = JSON.stringify(w.log.events);
    expect(logged).toContain('"mailId":"m1"');
    expect(logged).toContain('ticket-created');
    expect(logged).not.toMatch(/Printer|broken|ann@example\.com|Ann/);
  });

  it('when a stage hits a programming error, then the mail is poisoned at once with the stage named', async () => {
    const w = world();
    const broken = {
      name: 'ticket',
      timeoutMs: 1000,
      run: () => Promise.reject(new PipelineBug('route without a ticket')),
    };
    const result = await processMail(message, w.deps, { dequeueCount: 1 }, async (run, m) => {
      await run.step(broken, m);
      return deliverMail(run, m);
    });
    expect(result.failure).toEqual({ kind: 'reject', code: 'bug', stage: 'ticket' });
    expect(result.trace).toMatchObject([{ stage: 'ticket', verdict: 'reject', code: 'bug' }]);
    expect(w.poisoned).toEqual(['bug']);
    expect(w.blobs.size).toBe(1);
  });

  describe("when the tenant's licence is not valid", () => {
    const expired = { ...tenant.licence, expiresAt: '2025-12-31' };

    it('then the mail is held with a growing delay, its staged copy kept, and no ticket written', async () => {
      const w = world();
      tenant.licence = expired;
      try {
        expect((await processMail(message, w.deps, { dequeueCount: 1 })).outcome).toBe(
          'held-licence-expired',
        );
        await processMail({ ...message, held: 3 }, w.deps, { dequeueCount: 1 });
        expect(w.held).toEqual([
          { held: 0, delay: 60 },
          { held: 3, delay: 480 },
        ]);
        expect(w.tickets).toHaveLength(0);
        expect(w.blobs.size).toBe(1);
      } finally {
        tenant.licence = { ...expired, expiresAt: '2099-12-31' };
      }
    });

    it('then, once the licence is renewed, the held mail becomes its ticket', async () => {
      const w = world();
      tenant.licence = { ...expired, suspended: true };
      expect((await processMail(message, w.deps, { dequeueCount: 1 })).outcome).toBe(
        'held-licence-suspended',
      );
      tenant.licence = { ...expired, expiresAt: '2099-12-31', suspended: false };
      expect(
        (await processMail({ ...message, held: 1 }, w.deps, { dequeueCount: 1 })).outcome,
      ).toBe('ticket-created');
      expect(w.tickets).toHaveLength(1);
    });

    it('then a mail held for more than 7 days is purged with a logged reason', async () => {
      const w = world();
      tenant.licence = expired;
      w.clock.now = new Date('2026-01-08T00:05:01Z');
      try {
        expect((await processMail(message, w.deps, { dequeueCount: 1 })).outcome).toBe(
          'purged-licence-expired',
        );
        expect(w.blobs.size).toBe(0);
        expect(w.log.events.find((e) => e.event === 'mail.processed')).toMatchObject({
          outcome: 'purged-licence-expired',
          mailId: 'm1',
        });
      } finally {
        tenant.licence = { ...expired, expiresAt: '2099-12-31' };
      }
    });
  });
});
