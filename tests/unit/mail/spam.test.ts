import { parseMail } from '../../../lib/mail/parse';
import { type SpamSettings, spamVerdict } from '../../../lib/mail/spam';
import type { MailDoor, MailMessage } from '../../../lib/storage/staging';

type From = Pick<MailMessage, 'source' | 'door'>;

const mailbox: From = {
  source: { kind: 'mailbox', mailbox: 'support@contoso.com', userId: 'u1', messageId: 'm1' },
};
const inbound: From = {};
const relay = (kind: MailDoor['kind'], spamScore?: number): From => ({
  door: spamScore === undefined ? { kind } : { kind, spamScore },
});

/** The root's fields as the pipeline reads them: a real mail through the real parser. */
async function headersOf(fields: string[]): Promise<ReadonlyMap<string, string[]>> {
  const raw = [
    ...fields,
    'From: Ann <ann@example.com>',
    'To: support@contoso.com',
    'Subject: Cheap watches',
    'Message-ID: <s1@example.com>',
    '',
    'Buy now.',
  ].join('\r\n');
  return (await parseMail(Buffer.from(raw))).headers;
}

async function judge(from: From, fields: string[], settings: SpamSettings = {}) {
  return spamVerdict(from, await headersOf(fields), settings);
}

const REPORT = (scl: number) =>
  `X-Forefront-Antispam-Report: CIP:192.0.2.7;CTRY:;LANG:en;SCL:${scl};SRV:;IPV:NLI;SFV:SPM;H:mx.example.net;`;

describe('spam verdicts, each trusted only from its own door', () => {
  it.each([
    { door: 'sendgrid', score: 5, settings: {}, spam: true },
    { door: 'sendgrid', score: 4.9, settings: {}, spam: false },
    { door: 'postmark', score: 7.2, settings: {}, spam: true },
    { door: 'postmark', score: 7.2, settings: { spamScore: 8 }, spam: false },
    { door: 'sendgrid', score: 2.5, settings: { spamScore: 2.5 }, spam: true },
    { door: 'postmark', score: undefined, settings: {}, spam: false },
  ] as const)(
    'when $door scores the mail $score (settings $settings), then spam is $spam',
    async ({ door, score, settings, spam }) => {
      const verdict = await judge(relay(door, score), [], settings);
      expect(verdict.spam).toBe(spam);
      if (verdict.spam)
        expect(verdict).toMatchObject({ door, reason: expect.stringMatching(/^score/) });
    },
  );

  it("when a relay scores low but the mail carries every other door's spam header, then it is not spam", async () => {
    const forged = [
      'X-Spam-Flag: YES',
      'X-MS-Exchange-Organization-SCL: 9',
      REPORT(9),
      'X-Mailgun-Sflag: Yes',
    ];
    expect(await judge(relay('sendgrid', 0.1), forged, { spamAssassinHeaders: 'trust' })).toEqual({
      spam: false,
    });
    expect(await judge(relay('postmark'), forged, { spamAssassinHeaders: 'trust' })).toEqual({
      spam: false,
    });
  });

  it('when Mailgun flags the mail at the top, then it is spam; a flag below a "No" is the sender\'s and is not', async () => {
    expect(await judge(relay('mailgun'), ['X-Mailgun-Sflag: Yes'])).toEqual({
      spam: true,
      door: 'mailgun',
      reason: 'x-mailgun-sflag',
    });
    const forgedBelow = ['X-Mailgun-Sflag: No', 'X-Mailgun-Sflag: Yes'];
    expect(await judge(relay('mailgun'), forgedBelow)).toEqual({ spam: false });
    expect(await judge(relay('mailgun', 99), ['X-Spam-Flag: YES'])).toEqual({ spam: false });
  });

  it.each([
    { fields: ['X-MS-Exchange-Organization-SCL: 9'], settings: {}, spam: true },
    { fields: ['X-MS-Exchange-Organization-SCL: 5'], settings: {}, spam: true },
    { fields: ['X-MS-Exchange-Organization-SCL: 4'], settings: {}, spam: false },
    { fields: ['X-MS-Exchange-Organization-SCL: 6'], settings: { spamScl: 7 }, spam: false },
    { fields: ['X-MS-Exchange-Organization-SCL: 1'], settings: { spamScl: 1 }, spam: true },
    { fields: [REPORT(6)], settings: {}, spam: true },
    { fields: ['X-MS-Exchange-Organization-SCL: 1', REPORT(1)], settings: {}, spam: false },
    // The organisation trusts it (an allow rule): its -1 wins over a report's score.
    { fields: ['X-MS-Exchange-Organization-SCL: -1', REPORT(9)], settings: {}, spam: false },
    // Only the topmost of each counts: a lower one came with the mail.
    {
      fields: ['X-MS-Exchange-Organization-SCL: 1', 'X-MS-Exchange-Organization-SCL: 9'],
      settings: {},
      spam: false,
    },
    { fields: [REPORT(0), REPORT(9)], settings: {}, spam: false },
    { fields: ['X-MS-Exchange-Organization-SCL: high'], settings: {}, spam: false },
  ])('when a mailbox mail carries $fields (settings $settings), then spam is $spam', async (c) => {
    const verdict = await judge(mailbox, c.fields, c.settings);
    expect(verdict.spam).toBe(c.spam);
    if (verdict.spam)
      expect(verdict).toMatchObject({ door: 'mailbox', reason: expect.stringMatching(/^scl/) });
  });

  it("when a mailbox mail carries only a relay's or SpamAssassin's flag, then it is not spam", async () => {
    const forged = ['X-Mailgun-Sflag: Yes', 'X-Spam-Flag: YES'];
    expect(await judge(mailbox, forged, { spamAssassinHeaders: 'trust' })).toEqual({ spam: false });
  });

  it('when mail posted to /api/inbound carries a forged Exchange SCL or Mailgun flag, then it is not spam', async () => {
    const forged = ['X-MS-Exchange-Organization-SCL: 9', REPORT(9), 'X-Mailgun-Sflag: Yes'];
    expect(await judge(inbound, forged)).toEqual({ spam: false });
    expect(await judge(inbound, forged, { spamScl: 0, spamScore: 0 })).toEqual({ spam: false });
  });

  it('when /api/inbound mail has X-Spam-Flag: YES, then it is spam only when the tenant trusts its SpamAssassin', async () => {
    const flagged = ['X-Spam-Flag: YES', 'X-Spam-Score: 12.1'];
    expect(await judge(inbound, flagged)).toEqual({ spam: false });
    expect(await judge(inbound, flagged, { spamAssassinHeaders: 'ignore' })).toEqual({
      spam: false,
    });
    expect(await judge(inbound, flagged, { spamAssassinHeaders: 'trust' })).toEqual({
      spam: true,
      door: 'inbound',
      reason: 'x-spam-flag',
    });
    expect(await judge(inbound, ['X-Spam-Flag: NO'], { spamAssassinHeaders: 'trust' })).toEqual({
      spam: false,
    });
  });

  it("when the tenant turned the filter off, then no door's verdict makes spam", async () => {
    const off: SpamSettings = { spamFilter: 'off', spamAssassinHeaders: 'trust' };
    expect(await judge(relay('sendgrid', 50), [], off)).toEqual({ spam: false });
    expect(await judge(relay('mailgun'), ['X-Mailgun-Sflag: Yes'], off)).toEqual({ spam: false });
    expect(await judge(mailbox, ['X-MS-Exchange-Organization-SCL: 9'], off)).toEqual({
      spam: false,
    });
    expect(await judge(inbound, ['X-Spam-Flag: YES'], off)).toEqual({ spam: false });
    expect(
      (await judge(mailbox, ['X-MS-Exchange-Organization-SCL: 9'], { spamFilter: 'on' })).spam,
    ).toBe(true);
  });

  it('when a record holds a setting as undefined, then the default applies', async () => {
    const unset: SpamSettings = { spamScore: undefined, spamScl: undefined, spamFilter: undefined };
    expect((await judge(relay('sendgrid', 5), [], unset)).spam).toBe(true);
    expect((await judge(mailbox, ['X-MS-Exchange-Organization-SCL: 5'], unset)).spam).toBe(true);
  });
});
