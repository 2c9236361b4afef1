import { parseMailboxJob } from '../../../lib/mailbox/jobs';
import { parseMailMessage } from '../../../lib/storage/staging';

describe('mailbox jobs and the staged mail source', () => {
  it('when a fetch or sync job is well formed, then it parses from JSON text or an object', () => {
    const fetch = { kind: 'fetch', tenant: 't', mailbox: 'a@b.c', messageId: 'm' };
    expect(parseMailboxJob(JSON.stringify(fetch))).toEqual(fetch);
    const sync = { kind: 'sync', tenant: 't', mailbox: 'a@b.c', reason: 'missed' };
    expect(parseMailboxJob(sync)).toEqual(sync);
  });

  it('when a job is malformed, then it is refused for good (bad-queue-message)', () => {
    const bad = [
      'not json',
      null,
      { kind: 'fetch', tenant: 't', mailbox: 'a@b.c' },
      { kind: 'sync', tenant: 't', mailbox: 'a@b.c', reason: 'whenever' },
      { kind: 'delete', tenant: 't', mailbox: 'a@b.c', messageId: 'm' },
      { kind: 'fetch', tenant: 't', mailbox: 'a@b.c', messageId: 'x'.repeat(513) },
    ];
    for (const job of bad) {
      expect(() => parseMailboxJob(job)).toThrow(
        expect.objectContaining({ code: 'bad-queue-message' }),
      );
    }
  });

  it('when a staged mail carries a mailbox source, then parseMailMessage keeps it; a bad source is refused', () => {
    const base = { v: 1, mailId: 'm', blob: 'b', tenant: 't', mailbox: 'a@b.c', receivedAt: 'now' };
    const source = { kind: 'mailbox', mailbox: 'a@b.c', userId: 'u', messageId: 'x' };
    expect(parseMailMessage({ ...base, source }).source).toEqual(source);
    expect(parseMailMessage(base).source).toBeUndefined();
    for (const bad of [{ ...source, kind: 'smtp' }, { ...source, messageId: '' }, 'x']) {
      expect(() => parseMailMessage({ ...base, source: bad })).toThrow(
        expect.objectContaining({ code: 'bad-queue-message' }),
      );
    }
  });
});
