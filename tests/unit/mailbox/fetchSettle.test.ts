import { runMailboxJob } from '../../../lib/mailbox/run';
import { settleSource } from '../../../lib/mailbox/settle';
import { RECORD, type Request, graphError, mailboxWorld, stagedMessage } from './fakes';

const JOB = { kind: 'fetch', tenant: RECORD.tenant, mailbox: RECORD.address, messageId: 'msg-1' };
const RAW = Buffer.from('From: a@example.com\r\nSubject: hi\r\n\r\nbody');
const line = (r: Request) => `${r.method} ${r.path}`;

describe('fetch and settle a mailbox message', () => {
  it('when a message is fetched twice, then it is staged once, with its source, in one Exchange request', async () => {
    const w = mailboxWorld(() => RAW);
    expect(await runMailboxJob(JSON.stringify(JOB), w.deps)).toBe('staged');
    expect(await runMailboxJob(JOB, w.deps)).toBe('done');
    expect(w.staged).toEqual([
      {
        tenant: RECORD.tenant,
        mailbox: RECORD.address,
        raw: RAW,
        source: { kind: 'mailbox', mailbox: RECORD.address, userId: 'user-1', messageId: 'msg-1' },
      },
    ]);
    expect(w.exchange.requests.map(line)).toEqual(['GET /users/user-1/messages/msg-1/$value']);
    expect(JSON.stringify(w.log.events)).not.toContain(RECORD.address);
  });

  it('when a message is larger than the service takes, then it is not staged but categorised and moved to Not a ticket', async () => {
    const w = mailboxWorld((r) => (r.method === 'GET' ? Buffer.alloc(1001) : {}));
    expect(await runMailboxJob(JOB, w.deps)).toBe('too-large');
    expect(w.staged).toEqual([]);
    expect(w.exchange.requests.slice(1).map((r) => [line(r), r.body])).toEqual([
      ['PATCH /users/user-1/messages/msg-1', { categories: ['Helpdesk: too-large'] }],
      ['POST /users/user-1/messages/msg-1/move', { destinationId: 'f-not' }],
    ]);
  });

  it('when staging fails, then the claim is let go and the retry stages the message', async () => {
    const w = mailboxWorld(() => RAW);
    const stage = w.deps.staging.stage;
    w.deps.staging.stage = async () => {
      throw new Error('storage down');
    };
    await expect(runMailboxJob(JOB, w.deps)).rejects.toThrow('storage down');
    w.deps.staging.stage = stage;
    expect(await runMailboxJob(JOB, w.deps)).toBe('staged');
  });

  it('when the mail is staged but its claim cannot be marked done, then the job still counts it staged and a retry does not stage it again', async () => {
    const w = mailboxWorld(() => RAW);
    const claim = w.deps.claims.claim.bind(w.deps.claims);
    w.deps.claims.claim = async (...args) => {
      const handle = await claim(...args);
      if (typeof handle === 'string') return handle;
      return { ...handle, done: () => Promise.reject(new Error('storage down')) };
    };
    expect(await runMailboxJob(JOB, w.deps)).toBe('staged');
    expect(await runMailboxJob(JOB, w.deps)).toBe('busy');
    expect(w.staged).toHaveLength(1);
  });

  it('when the message is gone before it is read, then the job ends without staging', async () => {
    const w = mailboxWorld(() => {
      throw graphError(404, 'ErrorItemNotFound');
    });
    expect(await runMailboxJob(JOB, w.deps)).toBe('gone');
    expect(w.staged).toEqual([]);
  });

  it('when a mail is settled, then taken goes to Processed; a vanished folder is found again; a gone message is fine', async () => {
    const source = {
      kind: 'mailbox' as const,
      mailbox: RECORD.address,
      userId: 'user-1',
      messageId: 'msg-1',
    };
    const message = stagedMessage(RECORD.tenant, RECORD.address, source);
    let moves = 0;
    const w = mailboxWorld((r) => {
      if (r.path.endsWith('/move') && moves++ === 0) throw graphError(404, 'ErrorItemNotFound');
      if (r.path.endsWith('/childFolders'))
        return { id: `new-${(r.body as { displayName: string }).displayName}` };
      return {};
    });
    await settleSource(message, { kind: 'taken' }, w.deps);
    const moved = w.exchange.requests.filter((r) => r.path.endsWith('/move')).map((r) => r.body);
    expect(moved).toEqual([{ destinationId: 'f-processed' }, { destinationId: 'new-Processed' }]);
    expect((await w.mailboxes.get(RECORD.tenant, RECORD.address))?.folders).toEqual({
      processed: 'new-Processed',
      notATicket: 'new-Not a ticket',
    });
    w.exchange.answer = () => {
      throw graphError(404, 'ErrorItemNotFound');
    };
    await expect(
      settleSource(message, { kind: 'not-a-ticket', reason: 'dropped' }, w.deps),
    ).resolves.toBeUndefined();
    expect(w.log.events.at(-1)).toMatchObject({
      event: 'mailbox.settle',
      outcome: 'gone',
      code: 'dropped',
    });
  });

  it('when a mail came from a relay (no source), then settling touches no mailbox', async () => {
    const w = mailboxWorld();
    await settleSource(stagedMessage(RECORD.tenant, RECORD.address), { kind: 'taken' }, w.deps);
    expect(w.exchange.requests).toEqual([]);
  });
});
