import { type Classification, classify } from '../../../lib/mail/classify';
import type { ParsedMail } from '../../../lib/mail/parse';
import { parsed } from './fixtures';

const ctx = { ownAddresses: ['Support@Contoso.com'] };
const report = (reportType: string, types: string[]) => ({
  contentType: 'multipart/report',
  structure: {
    parts: types.length + 1,
    depth: 2,
    types: ['multipart/report', ...types],
    reportType,
  },
});
const daemon = { address: 'mailer-daemon@mx.example.net', name: 'Mail Delivery System' };

const cases: Array<{ desc: string; mail: ParsedMail; expected: Classification }> = [
  {
    desc: 'multipart/report; report-type=delivery-status',
    mail: parsed({
      from: daemon,
      ...report('delivery-status', ['text/plain', 'message/delivery-status']),
    }),
    expected: { kind: 'bounce', reason: 'dsn' },
  },
  {
    desc: 'a delivery-status part nested in multipart/mixed',
    mail: parsed({
      structure: {
        parts: 4,
        depth: 3,
        types: ['multipart/mixed', 'multipart/report', 'message/delivery-status'],
        reportType: '',
      },
    }),
    expected: { kind: 'bounce', reason: 'dsn' },
  },
  {
    desc: 'MAILER-DAEMON as sender, even unqualified',
    mail: parsed({ from: { address: 'mailer-daemon', name: '' }, subject: 'failure notice' }),
    expected: { kind: 'bounce', reason: 'mailer-daemon' },
  },
  {
    desc: "Exim's X-Failed-Recipients",
    mail: parsed({ header: { 'X-Failed-Recipients': 'gone@example.org' } }),
    expected: { kind: 'bounce', reason: 'x-failed-recipients' },
  },
  {
    desc: 'qmail wording from postmaster',
    mail: parsed({
      from: { address: 'postmaster@mx.example.net', name: '' },
      subject: 'Notice',
      text: "Hi. This is the qmail-send program at mx.example.net.\nI'm afraid I wasn't able to deliver your message.",
    }),
    expected: { kind: 'bounce', reason: 'wording-system-sender' },
  },
  {
    desc: 'postmaster writing a question is a person',
    mail: parsed({
      from: { address: 'postmaster@customer.example', name: 'Jo' },
      subject: 'Invoice 12',
    }),
    expected: { kind: 'normal', reason: 'none' },
  },
  {
    desc: 'a person asking about a bounce, with the error pasted, is a ticket',
    mail: parsed({
      subject: 'Undeliverable mail to our supplier',
      text: 'I get "550 5.1.1 User unknown". Why?',
    }),
    expected: { kind: 'normal', reason: 'none' },
  },
  {
    desc: 'a person forwarding a bounce is a ticket',
    mail: parsed({
      subject: 'Fwd: Returned mail: see transcript for details',
      text: 'Please help.\n\nBegin forwarded message:\n\n> The following addresses had permanent fatal errors',
    }),
    expected: { kind: 'normal', reason: 'none' },
  },
  {
    desc: 'a non-RFC bounce with a null return path',
    mail: parsed({
      from: { address: 'mail@mx.example.jp', name: '' },
      returnPath: '',
      subject: 'failure notice',
      text: 'Sorry.',
    }),
    expected: { kind: 'bounce', reason: 'subject-null-path' },
  },
  {
    desc: 'an MMS gateway answering "Re:" from post_master',
    mail: parsed({
      from: { address: 'post_master@vtext.example.com', name: '' },
      subject: 'Re: Test',
      text: '550 no such user here',
    }),
    expected: { kind: 'bounce', reason: 'wording-system-sender' },
  },
  {
    desc: 'Amazon SES bounce notification',
    mail: parsed({ text: '{"notificationType":"Bounce","bounce":{}}' }),
    expected: { kind: 'bounce', reason: 'ses-notification' },
  },
  {
    desc: 'ARF abuse report (RFC 5965)',
    mail: parsed(
      report('feedback-report', ['text/plain', 'message/feedback-report', 'message/rfc822']),
    ),
    expected: { kind: 'abuse-report', reason: 'arf' },
  },
  {
    desc: 'Amazon SES complaint',
    mail: parsed({ text: '{"notificationType":"Complaint"}' }),
    expected: { kind: 'abuse-report', reason: 'ses-complaint' },
  },
  {
    desc: "Microsoft's JMRP complaint",
    mail: parsed({ subject: 'complaint about message from 192.0.2.1' }),
    expected: { kind: 'abuse-report', reason: 'jmrp' },
  },
  {
    desc: 'a read receipt (RFC 8098)',
    mail: parsed(report('disposition-notification', ['message/disposition-notification'])),
    expected: { kind: 'auto-reply', reason: 'read-receipt' },
  },
  {
    desc: 'fml list server notice',
    mail: parsed({ header: { 'X-MLServer': 'fml [fml 4.0.3]' } }),
    expected: { kind: 'auto-reply', reason: 'list-server' },
  },
];

describe('classify: bounces, reports and abuse reports', () => {
  it.each(cases)('$desc', ({ mail, expected }) => {
    expect(classify(mail, ctx)).toEqual(expected);
  });

  it('when any of them is classified, then the reason is a short code, never content', () => {
    for (const { mail } of cases) expect(classify(mail, ctx).reason).toMatch(/^[a-z0-9-]{1,40}$/);
  });
});
