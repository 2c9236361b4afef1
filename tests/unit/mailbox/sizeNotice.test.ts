/**
 * The notice to the sender of a message too large to take (issue 9), at the mailbox door: one
 * Exchange request for the message's head, the mail classified from it, the notice handed to
 * Notices (which applies the ack rules and sends once). A failure never fails the job.
 */
import { runMailboxJob } from '../../../lib/mailbox/run';
import { headView, sizeLimitText } from '../../../lib/mailbox/sizeNotice';
import type { NoticeKind, Notices, RefusedMail } from '../../../lib/outbound/notice';
import { RECORD, type Request, graphError, mailboxWorld } from './fakes';

const JOB = { kind: 'fetch', tenant: RECORD.tenant, mailbox: RECORD.address, messageId: 'msg-1' };
const line = (r: Request) => `${r.method} ${r.path}`;

const HEAD = {
  id: 'msg-1',
  from: { emailAddress: { address: 'Ann@Example.com', name: 'Ann' } },
  subject: 'Scans',
  internetMessageId: '<big@example.com>',
  internetMessageHeaders: [
    { name: 'Content-Type', value: 'multipart/mixed; boundary="b"' },
    { name: 'Received', value: 'from a' },
    { name: 'Received', value: 'from b' },
  ],
};

class RecordedNotices implements Notices {
  readonly sent: Array<{ kind: NoticeKind; refused: RefusedMail; values?: object }> = [];
  async send(kind: NoticeKind, refused: RefusedMail, values?: { limit?: string }) {
    this.sent.push({ kind, refused, values });
    return 'sent';
  }
}

/** A mailbox whose message is too large; `head` answers the read of its head. */
function tooLarge(head: () => unknown = () => HEAD) {
  const w = mailboxWorld((r) => {
    if (r.path.endsWith('/$value')) return Buffer.alloc(1001);
    return r.method === 'GET' ? head() : {};
  });
  const notices = new RecordedNotices();
  w.deps.notices = notices;
  return { ...w, notices };
}

describe('the size notice at the mailbox door', () => {
  it('when a message is too large, then its head is read once and its sender gets the notice', async () => {
    const w = tooLarge();
    expect(await runMailboxJob(JOB, w.deps)).toBe('too-large');
    const head = w.exchange.requests.filter(
      (r) => r.method === 'GET' && !r.path.endsWith('$value'),
    );
    expect(head.map(line)).toEqual(['GET /users/user-1/messages/msg-1']);
    expect(head[0]?.call.query).toEqual({
      $select: 'from,subject,internetMessageId,internetMessageHeaders',
    });
    expect(w.notices.sent).toEqual([
      {
        kind: 'notice-size',
        refused: expect.objectContaining({
          tenant: expect.objectContaining({ id: RECORD.tenant }),
          mailbox: RECORD.address,
          key: 'msg-1',
          mail: expect.objectContaining({
            from: { address: 'ann@example.com', name: 'Ann' },
            subject: 'Scans',
            messageId: '<big@example.com>',
          }),
          classification: { kind: 'normal', reason: 'none' },
        }),
        values: { limit: '0.9 KB' },
      },
    ]);
    expect(w.log.events).toContainEqual(
      expect.objectContaining({ event: 'outbound.notice', kind: 'notice-size', outcome: 'sent' }),
    );
    expect(JSON.stringify(w.log.events)).not.toContain('example.com');
  });

  it('when the message is a bounce, then it is classified so and the notice is told', async () => {
    const w = tooLarge(() => ({
      ...HEAD,
      from: { emailAddress: { address: 'mailer-daemon@example.com', name: '' } },
      internetMessageHeaders: [
        {
          name: 'Content-Type',
          value: 'multipart/report; report-type=delivery-status; boundary=x',
        },
      ],
    }));
    await runMailboxJob(JOB, w.deps);
    expect(w.notices.sent[0]?.refused.classification).toMatchObject({ kind: 'bounce' });
  });

  it('when the head cannot be read, then the job still ends too-large and the failure is logged', async () => {
    const w = tooLarge(() => {
      throw graphError(503, 'ServiceUnavailable');
    });
    expect(await runMailboxJob(JOB, w.deps)).toBe('too-large');
    expect(w.notices.sent).toEqual([]);
    expect(w.log.events).toContainEqual(
      expect.objectContaining({ event: 'outbound.notice', outcome: 'failed', level: 'warn' }),
    );
  });

  it('when the door sends no notices, then only the settling requests are made', async () => {
    const w = tooLarge();
    w.deps.notices = undefined;
    await runMailboxJob(JOB, w.deps);
    expect(w.exchange.requests.map(line)).toEqual([
      'GET /users/user-1/messages/msg-1/$value',
      'PATCH /users/user-1/messages/msg-1',
      'POST /users/user-1/messages/msg-1/move',
    ]);
  });
});

describe('headView', () => {
  it('when header fields repeat or come in any case, then they are kept by lower-cased name', () => {
    const view = headView({
      ...HEAD,
      internetMessageHeaders: [
        ...HEAD.internetMessageHeaders,
        { name: 'Return-Path', value: '<>' },
      ],
    });
    expect(view.headers.get('received')).toEqual(['from a', 'from b']);
    expect(view.returnPath).toBe('');
    expect(view.structure.types).toEqual(['multipart/mixed']);
  });

  it('when Graph gives no sender, then the view has none', () => {
    expect(headView({ subject: null, from: null }).from).toBeUndefined();
  });

  it('when the limit is stated, then it is rounded down, never above what is taken', () => {
    expect(sizeLimitText(35 * 2 ** 20)).toBe('35 MB');
    expect(sizeLimitText(1.55 * 2 ** 20)).toBe('1.5 MB');
    expect(sizeLimitText(512 * 1024)).toBe('512 KB');
  });
});
