import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { MAX_DELIVERIES, processMail } from '../../../lib/pipeline/processMail';
import { settleOutcome } from '../../../lib/pipeline/settle';
import type { SettleOutcome } from '../../../lib/pipeline/stage';
import type { MailMessage } from '../../../lib/storage/staging';
import { tenant, world } from './mailWorld';

const fromMailbox: MailMessage = {
  v: 1,
  mailId: 'm1',
  blob: 'b1',
  tenant: tenant.domain,
  mailbox: 'support@contoso.com',
  receivedAt: '2026-01-01T00:00:00Z',
  source: { kind: 'mailbox', mailbox: 'support@contoso.com', userId: 'u1', messageId: 'x1' },
};

/** A world whose door records how each mail was settled. */
function settledWorld(raw?: Buffer) {
  const w = world(raw);
  const settled: SettleOutcome[] = [];
  w.deps.settle = async (message, outcome) => {
    expect(message.source?.messageId).toBe('x1');
    settled.push(outcome);
  };
  return { ...w, settled };
}

describe('settle: the door marks a finished mail', () => {
  it('when a mail from a mailbox becomes a ticket, then it is settled as taken, and again as taken when delivered twice', async () => {
    const w = settledWorld();
    expect((await processMail(fromMailbox, w.deps, { dequeueCount: 1 })).outcome).toBe(
      'ticket-created',
    );
    expect((await processMail(fromMailbox, w.deps, { dequeueCount: 2 })).outcome).toBe(
      'already-processed',
    );
    expect(w.settled).toEqual([{ kind: 'taken' }, { kind: 'taken' }]);
  });

  it('when a mail came through /api/inbound (no source), then nothing is settled', async () => {
    const w = settledWorld();
    const { source: _none, ...relayed } = fromMailbox;
    await processMail(relayed, w.deps, { dequeueCount: 1 });
    expect(w.settled).toEqual([]);
  });

  it('when a loop is dropped, then it is settled as not a ticket with the reason', async () => {
    const loop = Buffer.from(
      'From: support@contoso.com\r\nSubject: x\r\nMessage-ID: <l@x>\r\n\r\nx',
    );
    const w = settledWorld(loop);
    expect((await processMail(fromMailbox, w.deps, { dequeueCount: 1 })).outcome).toBe(
      'dropped-loop',
    );
    expect(w.settled).toEqual([{ kind: 'not-a-ticket', reason: 'loop' }]);
  });

  it('when the mail is held for its licence, then it is not settled (it stays in the inbox)', async () => {
    const w = settledWorld();
    const licence = tenant.licence;
    tenant.licence = { ...licence, expiresAt: '2025-12-31' };
    try {
      expect((await processMail(fromMailbox, w.deps, { dequeueCount: 1 })).outcome).toBe(
        'held-licence-expired',
      );
    } finally {
      tenant.licence = licence;
    }
    expect(w.settled).toEqual([]);
  });

  it('when settling fails, then the mail still counts as done and the failure is logged by code', async () => {
    const w = world();
    w.deps.settle = () => Promise.reject(new Error('mailbox unreachable'));
    expect((await processMail(fromMailbox, w.deps, { dequeueCount: 1 })).outcome).toBe(
      'ticket-created',
    );
    expect(w.log.events).toContainEqual(
      expect.objectContaining({ event: 'mailbox.settle', level: 'warn', outcome: 'failed' }),
    );
  });

  it('maps poisoned mail to not a ticket with its code, and retries and holds to nothing', () => {
    const failure = { kind: 'reject' as const, code: 'bad-mime' as never, stage: 'parse' };
    expect(settleOutcome({ outcome: 'rejected', failure, trace: [] })).toEqual({
      kind: 'not-a-ticket',
      reason: 'bad-mime',
    });
    const retry = { ...failure, kind: 'retry' as const };
    expect(settleOutcome({ outcome: 'retry', failure: retry, trace: [] })).toBeUndefined();
    expect(settleOutcome({ outcome: 'purged-licence-expired', trace: [] })).toEqual({
      kind: 'not-a-ticket',
      reason: 'licence-expired',
    });
    expect(settleOutcome({ outcome: 'duplicate', trace: [] })).toEqual({ kind: 'taken' });
  });

  it('when a retried mail fails its last delivery, then it is settled as not a ticket with its code before the host poisons it', async () => {
    const w = settledWorld();
    const failing = async () => {
      throw new Error('graph down');
    };
    await expect(
      processMail(fromMailbox, w.deps, { dequeueCount: MAX_DELIVERIES - 1 }, failing),
    ).rejects.toBeDefined();
    expect(w.settled).toEqual([]);
    await expect(
      processMail(fromMailbox, w.deps, { dequeueCount: MAX_DELIVERIES }, failing),
    ).rejects.toBeDefined();
    expect(w.settled).toEqual([{ kind: 'not-a-ticket', reason: 'Error' }]);
  });

  it("counts deliveries as host.json's maxDequeueCount does", () => {
    const host = JSON.parse(readFileSync(join(__dirname, '../../../host.json'), 'utf8')) as {
      extensions: { queues: { maxDequeueCount: number } };
    };
    expect(MAX_DELIVERIES).toBe(host.extensions.queues.maxDequeueCount);
  });
});
