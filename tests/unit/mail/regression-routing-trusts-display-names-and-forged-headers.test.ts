/**
 * Without the relay's `recipient`, routing read an address anywhere in To, Cc and Delivered-To:
 * `To: "help@bravo" <support@alpha>` went to bravo, and a Delivered-To the sender wrote named the
 * tenant. Now only address specs count, and Delivered-To / X-Original-To only above the topmost
 * Received, where the receiving MTA puts them.
 */
import { type InboundDeps, acceptMail } from '../../../lib/inbound';
import type { TenantRecord, TenantStore } from '../../../lib/tenants/store';
import { MemoryLog } from '../../../lib/log';
import { candidateRecipients, readHeaderSection } from '../../../lib/mail/envelope';
import type { MailStaging } from '../../../lib/storage/staging';

const RECEIVED =
  'Received: from mx.example.net by relay.example.com; Mon, 1 Jan 2024 00:00:00 +0000';

function candidates(...lines: string[]): string[] {
  const check = readHeaderSection(Buffer.from(`${lines.join('\r\n')}\r\n\r\nbody`));
  if (!check.ok) throw new Error(check.reason);
  return candidateRecipients(check.fields);
}

describe('candidate recipients when the relay gave none', () => {
  it.each([
    {
      desc: 'a display name that looks like an address',
      lines: ['From: a@x.example', 'To: "help@bravo.example" <support@alpha.example>'],
      expected: ['support@alpha.example'],
    },
    {
      desc: 'a Delivered-To the sender wrote below the Received',
      lines: [
        RECEIVED,
        'From: a@x.example',
        'Delivered-To: help@bravo.example',
        'To: support@alpha.example',
      ],
      expected: ['support@alpha.example'],
    },
    {
      desc: 'a Delivered-To in a mail without any Received',
      lines: ['Delivered-To: help@bravo.example', 'From: a@x.example', 'To: support@alpha.example'],
      expected: ['support@alpha.example'],
    },
    {
      desc: 'Delivered-To and X-Original-To above the topmost Received',
      lines: [
        'Delivered-To: Support@Alpha.example',
        'X-Original-To: help@alpha.example',
        RECEIVED,
        'Delivered-To: help@bravo.example',
        'From: a@x.example',
        'To: "help@bravo.example" <x@y.example>',
        'Cc: c@d.example',
      ],
      expected: ['support@alpha.example', 'help@alpha.example', 'x@y.example', 'c@d.example'],
    },
    {
      desc: 'a group and a comment',
      lines: ['From: a@x.example', 'To: Help: support@alpha.example (not help@bravo.example);'],
      expected: ['support@alpha.example'],
    },
  ])(
    'when the mail has $desc, then only relay-set fields and address specs count',
    ({ lines, expected }) => {
      expect(candidates(...lines)).toEqual(expected);
    },
  );
});

describe('acceptMail without a recipient', () => {
  const tenants = new Map([
    ['support@alpha.example', { domain: 'alpha.sharepoint.com' }],
    ['help@bravo.example', { domain: 'bravo.sharepoint.com' }],
  ]);
  const staged: string[] = [];
  const deps: InboundDeps = {
    staging: {
      stage: async (tenant: string) => {
        staged.push(tenant);
        return { mailId: 'm1' };
      },
    } as unknown as MailStaging,
    tenants: { byAddress: async (a: string) => tenants.get(a) as TenantRecord } as TenantStore,
    log: new MemoryLog(),
    maxMailBytes: 1024 * 1024,
  };

  it('when To names bravo only in a display name, then the mail goes to alpha', async () => {
    const raw = Buffer.from(
      'From: a@x.example\r\nTo: "help@bravo.example" <support@alpha.example>\r\n\r\nhi',
    );
    expect(await acceptMail(raw, undefined, deps)).toEqual({ status: 202, id: 'm1' });
    expect(staged).toEqual(['alpha.sharepoint.com']);
  });

  it("when only a forged Delivered-To names bravo, then the mail is no tenant's", async () => {
    const raw = Buffer.from(
      `${RECEIVED}\r\nFrom: a@x.example\r\nDelivered-To: help@bravo.example\r\nTo: x@y.example\r\n\r\nhi`,
    );
    expect(await acceptMail(raw, undefined, deps)).toMatchObject({ status: 404 });
  });
});
