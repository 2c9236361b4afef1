import type { Classification } from '../../../lib/mail/classify';
import { type AckMail, ackDecision, recentlyAckedIn } from '../../../lib/outbound/ack';
import { MemorySenderAcks } from './fakes';

const normal: Classification = { kind: 'normal', reason: 'none' };
const own = ['Support@Contoso.com', 'help@contoso.com'];
const never = async () => false;

function mail(from: string | undefined, headers: Record<string, string> = {}): AckMail {
  return {
    from: from === undefined ? undefined : { address: from, name: '' },
    headers: new Map(Object.entries(headers).map(([k, v]) => [k, [v]])),
  };
}

describe('ackDecision', () => {
  it('acknowledges a person writing for the first time', async () => {
    expect(await ackDecision(mail('alice@example.org'), normal, own, never)).toEqual({
      send: true,
    });
  });

  it.each<Classification['kind']>(['auto-reply', 'bounce', 'loop', 'abuse-report'])(
    'never answers mail classified %s',
    async (kind) => {
      const decision = await ackDecision(
        mail('alice@example.org'),
        { kind, reason: 'x' },
        own,
        never,
      );
      expect(decision).toEqual({ send: false, reason: kind });
    },
  );

  it.each([
    ['precedence', 'Bulk'],
    ['precedence', 'list'],
    ['precedence', 'junk'],
    ['list-id', '<news.example.org>'],
    ['list-unsubscribe', '<mailto:leave@example.org>'],
  ])('never answers list mail (%s: %s)', async (name, value) => {
    const decision = await ackDecision(
      mail('alice@example.org', { [name]: value }),
      normal,
      own,
      never,
    );
    expect(decision).toEqual({ send: false, reason: 'list' });
  });

  it.each([
    'noreply@example.org',
    'no-reply@example.org',
    'No_Reply+billing@example.org',
    'do-not-reply@example.org',
    'donotreply@example.org',
    'mailer-daemon@example.org',
    'MAILER-DAEMON',
    'postmaster@example.org',
  ])('never answers the system sender %s', async (from) => {
    expect(await ackDecision(mail(from), normal, own, never)).toEqual({
      send: false,
      reason: 'system-sender',
    });
  });

  it('answers people whose name only starts like a system sender', async () => {
    expect(await ackDecision(mail('noreen@example.org'), normal, own, never)).toEqual({
      send: true,
    });
    expect(await ackDecision(mail('postmasters-guild@example.org'), normal, own, never)).toEqual({
      send: true,
    });
  });

  it("never answers the tenant's own support addresses, in any case", async () => {
    expect(await ackDecision(mail('support@contoso.com'), normal, own, never)).toEqual({
      send: false,
      reason: 'own-address',
    });
  });

  it('never answers mail without an author', async () => {
    expect(await ackDecision(mail(undefined), normal, own, never)).toEqual({
      send: false,
      reason: 'no-sender',
    });
  });

  it('asks about the last hour only when every other rule lets the ack through', async () => {
    const asked: string[] = [];
    const spy = async (sender: string) => (asked.push(sender), false);
    await ackDecision(mail('noreply@example.org'), normal, own, spy);
    await ackDecision(mail('Alice@Example.org'), normal, own, spy);
    expect(asked).toEqual(['alice@example.org']);
  });

  it('acknowledges a sender once an hour, and a repeated delivery of that mail the same way', async () => {
    const acks = new MemorySenderAcks();
    const at = (minutes: number) => new Date(Date.UTC(2026, 0, 1, 12, minutes));
    const decide = (key: string, minutes: number, tenant = 'contoso') =>
      ackDecision(
        mail('alice@example.org'),
        normal,
        own,
        recentlyAckedIn(acks, tenant, key, at(minutes)),
      );
    expect(await decide('mail-1', 0)).toEqual({ send: true });
    expect(await decide('mail-1', 1)).toEqual({ send: true });
    expect(await decide('mail-2', 59)).toEqual({ send: false, reason: 'recently-acked' });
    expect(await decide('mail-2', 0, 'fabrikam')).toEqual({ send: true });
    expect(await decide('mail-3', 60)).toEqual({ send: true });
  });
});
