import { parseMail } from '../../../../lib/mail/parse';
import { processMail } from '../../../../lib/pipeline/processMail';
import { spam } from '../../../../lib/pipeline/stages/spam';
import type { SettleOutcome } from '../../../../lib/pipeline/stage';
import type { MailMessage } from '../../../../lib/storage/staging';
import { MESSAGE as message, tenant, world } from '../mailWorld';

const raw = (extra: string[]): Buffer =>
  Buffer.from(
    [
      ...extra,
      'From: Ann <ann@example.com>',
      'Subject: Win',
      'Message-ID: <s1@x>',
      '',
      'Buy.',
    ].join('\r\n'),
  );

const fromMailbox: Pick<MailMessage, 'source'> = {
  source: { kind: 'mailbox', mailbox: 'support@contoso.com', userId: 'u1', messageId: 'x1' },
};

describe('the spam stage', () => {
  it('when a relay scored the mail spam, then it stops right after classify: no ticket, no site opened, no staged copy kept', async () => {
    const w = world(raw([]));
    let opened = 0;
    const open = w.deps.helpdesks.open;
    w.deps.helpdesks = { open: (...args) => (opened++, open(...args)) };
    const result = await processMail(
      { ...message, door: { kind: 'sendgrid', spamScore: 8.1 } },
      w.deps,
      {
        dequeueCount: 1,
      },
    );
    expect(result.outcome).toBe('dropped-spam');
    expect(result.trace.map((t) => t.stage)).toEqual([
      'load',
      'parse',
      'tenant',
      'classify',
      'spam',
    ]);
    expect(result.trace.at(-1)).toMatchObject({ verdict: 'stop', code: 'spam/sendgrid' });
    expect(w.tickets).toEqual([]);
    // Once, after the stages, by the Mail Log step (pipeline/mailLog.ts), never by the site stage.
    expect(opened).toBe(1);
    expect(w.blobs.size).toBe(0);
  });

  it('when a mailbox mail has SCL 9, then it is dropped and the mailbox marks it not a ticket for spam', async () => {
    const w = world(raw(['X-MS-Exchange-Organization-SCL: 9']));
    const settled: SettleOutcome[] = [];
    w.deps.settle = async (_m, outcome) => void settled.push(outcome);
    const result = await processMail({ ...message, ...fromMailbox }, w.deps, { dequeueCount: 1 });
    expect(result).toMatchObject({ outcome: 'dropped-spam' });
    expect(result.trace.at(-1)).toMatchObject({ stage: 'spam', code: 'spam/mailbox' });
    expect(settled).toEqual([{ kind: 'not-a-ticket', reason: 'spam' }]);
    expect(w.tickets).toEqual([]);
  });

  it('when the same SCL 9 comes through /api/inbound, then it is a ticket', async () => {
    const w = world(raw(['X-MS-Exchange-Organization-SCL: 9']));
    const result = await processMail(message, w.deps, { dequeueCount: 1 });
    expect(result.outcome).toBe('ticket-created');
    expect(result.trace.find((t) => t.stage === 'spam')).toMatchObject({ verdict: 'continue' });
    expect(w.tickets).toHaveLength(1);
  });

  it('when an agent asked to make a ticket of the mail (recovery), then it is never spam', async () => {
    const recovery = { itemId: '12' };
    const scored = raw(['X-MS-Exchange-Organization-SCL: 9']);
    const w = world(scored);
    const mail = await parseMail(scored);
    for (const from of [{ door: { kind: 'sendgrid', spamScore: 50 } } as const, fromMailbox]) {
      const input = { message: { ...message, ...from, recovery }, mail, tenant };
      expect(await spam.run(input, w.deps)).toEqual({ kind: 'continue', value: undefined });
      // The same mail without recovery is spam: the exemption is what lets it through.
      const plain = { ...input, message: { ...message, ...from } };
      expect((await spam.run(plain, w.deps)).kind).toBe('stop');
    }
  });
});
