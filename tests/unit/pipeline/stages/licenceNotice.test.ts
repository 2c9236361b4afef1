/**
 * Held mail and its notice (issue 9): a mail held longer than a day because its tenant's licence
 * is not valid gets one notice to its sender; the re-queued message carries `noticed`, so later
 * holds send none. Whether the notice may go at all is the notices' decision (outbound/notice.ts).
 */
import type { NoticeKind, Notices, RefusedMail } from '../../../../lib/outbound/notice';
import { runPipeline } from '../../../../lib/pipeline/runner';
import { licence } from '../../../../lib/pipeline/stages/licence';
import { type MailMessage, parseMailMessage } from '../../../../lib/storage/staging';
import { aMail, aWorld, anAdmitted, tenant } from './support';

const expired = { ...tenant, licence: { ...tenant.licence, expiresAt: '2025-12-01' } };

class RecordedNotices implements Notices {
  readonly sent: Array<{ kind: NoticeKind; refused: RefusedMail }> = [];
  constructor(private readonly outcome = 'sent') {}
  async send(kind: NoticeKind, refused: RefusedMail): Promise<string> {
    this.sent.push({ kind, refused });
    return this.outcome;
  }
}

/** The licence stage on a mail received at `receivedAt`, the clock at 2026-01-03 12:00. */
async function hold(receivedAt: string, extra: Partial<MailMessage> = {}, notices?: Notices) {
  const w = aWorld();
  const held: MailMessage[] = [];
  w.deps.queue = {
    poison: () => Promise.reject(new Error('unused')),
    hold: async (m) => void held.push(m),
  };
  w.deps.now = () => new Date('2026-01-03T12:00:00Z');
  if (notices) w.deps.notices = notices;
  const admitted = anAdmitted(aMail(), w.site);
  const message = { ...admitted.message, receivedAt, ...extra };
  const result = await runPipeline(w.deps, async (run) => {
    await run.step(licence, { ...admitted, message, tenant: expired });
    return 'admitted';
  });
  return { result, held, log: w.log };
}

describe('the licence stage tells the sender of mail held over a day', () => {
  it('when a held mail is older than a day, then its sender gets one notice and the mail is marked', async () => {
    const notices = new RecordedNotices();
    const { result, held, log } = await hold('2026-01-02T11:00:00Z', {}, notices);
    expect(result.outcome).toBe('held-licence-expired');
    expect(notices.sent).toEqual([
      {
        kind: 'notice-held',
        refused: expect.objectContaining({
          key: 'm1',
          mailbox: 'support@contoso.com',
          classification: { kind: 'normal', reason: 'none' },
        }),
      },
    ]);
    expect(held).toEqual([expect.objectContaining({ mailId: 'm1', noticed: true })]);
    expect(log.events).toContainEqual(
      expect.objectContaining({ event: 'outbound.notice', kind: 'notice-held', outcome: 'sent' }),
    );
  });

  it('when the mail was held less than a day, then no notice goes and the mail is not marked', async () => {
    const notices = new RecordedNotices();
    const { held } = await hold('2026-01-02T13:00:00Z', {}, notices);
    expect(notices.sent).toEqual([]);
    expect(held).toEqual([expect.not.objectContaining({ noticed: true })]);
  });

  it('when the mail already carries its notice, then none goes again', async () => {
    const notices = new RecordedNotices();
    const { held } = await hold('2026-01-01T00:00:00Z', { noticed: true, held: 9 }, notices);
    expect(notices.sent).toEqual([]);
    expect(held).toEqual([expect.objectContaining({ noticed: true, held: 9 })]);
  });

  it('when the notice could not be sent, then the mail is held all the same and not tried again', async () => {
    const notices = new RecordedNotices('graph-unavailable');
    const { result, held, log } = await hold('2026-01-01T00:00:00Z', {}, notices);
    expect(result.outcome).toBe('held-licence-expired');
    expect(held).toEqual([expect.objectContaining({ noticed: true })]);
    expect(log.events).toContainEqual(
      expect.objectContaining({ event: 'outbound.notice', outcome: 'graph-unavailable' }),
    );
  });

  it('when the pipeline sends no notices, then the mail is held unmarked', async () => {
    const { held } = await hold('2026-01-01T00:00:00Z');
    expect(held).toEqual([expect.not.objectContaining({ noticed: true })]);
  });
});

describe('the noticed mark on the queue message', () => {
  const message = { v: 1, mailId: 'm', blob: 'b', tenant: 't', mailbox: 's', receivedAt: 'r' };

  it('when it is a boolean, then the message keeps it; anything else is not a staged mail', () => {
    expect(parseMailMessage({ ...message, noticed: true })).toMatchObject({ noticed: true });
    expect(() => parseMailMessage({ ...message, noticed: 'yes' })).toThrow(/not a staged mail/);
  });
});
