import { repairHeaderSection } from '../../../lib/mail/headerRepair';

const head = (...lines: string[]): Buffer => Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1');
const repaired = (buffer: Buffer | undefined): string | undefined =>
  buffer?.toString('utf8').trim();

describe('repairHeaderSection', () => {
  it.each([
    {
      desc: 'a mailbox with an empty address is dropped, not merged into the next',
      mail: head('From: "ACME Lighting, " <>, "LTD" <ly@example.com>', 'Subject: x'),
      expected: 'From: "LTD" <ly@example.com>\r\nSubject: x',
    },
    {
      desc: 'an address with spaces is no address',
      mail: head('From: "secret" <power quadrant system@example.com>'),
      expected: 'From:',
    },
    {
      desc: 'the old bounce form: local part and comment',
      mail: head('From: MAILER-DAEMON (Mail Delivery System)'),
      expected: 'From: "Mail Delivery System" <MAILER-DAEMON>',
    },
    {
      desc: 'raw Latin-1 bytes become UTF-8',
      mail: head('To: "G\u00fcnther" <k.g\u00fcnther@example.com>'),
      expected: 'To: "Günther" <k.günther@example.com>',
    },
  ])('$desc', ({ mail, expected }) => {
    expect(repaired(repairHeaderSection(mail, undefined))).toBe(expected);
  });

  it('when nothing is broken, then there is nothing to repair', () => {
    const clean = head(
      'From: Anna <anna@example.com>',
      'To: a@b.example, c@d.example',
      'Subject: =?UTF-8?Q?Gr=C3=BC=C3=9Fe?=',
    );
    expect(repairHeaderSection(clean, undefined)).toBeUndefined();
  });

  it('when an address has spaces only around it, then it is kept', () => {
    expect(repairHeaderSection(head('From: Anna < anna@example.com >'), undefined)).toBeUndefined();
  });
});
