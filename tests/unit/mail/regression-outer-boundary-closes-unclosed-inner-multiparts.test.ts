// Some mailers (a Gmail delay notice in Zammad's corpus among them) end an inner multipart with
// the outer boundary and never close it. mailsplit knows only the innermost two boundaries: the
// rest of the mail, attachment included, showed as raw MIME in the HTML body.
import { parseMail } from '../../../lib/mail/parse';
import { crlf } from './fixtures';

it('when an outer boundary closes unclosed inner multiparts, the attachment is kept', async () => {
  const raw = crlf(
    'From: a@example.com',
    'Content-Type: multipart/mixed; boundary="outer"',
    '',
    '--outer',
    'Content-Type: multipart/related; boundary="rel"',
    '',
    '--rel',
    'Content-Type: multipart/alternative; boundary="alt"',
    '',
    '--alt',
    'Content-Type: text/plain',
    '',
    'Hello',
    '--alt',
    'Content-Type: text/html',
    '',
    '<p>Hello</p>',
    '--outer',
    'Content-Type: application/pdf; name="report.pdf"',
    'Content-Transfer-Encoding: base64',
    '',
    Buffer.from('%PDF').toString('base64'),
    '--outer--',
    '',
  );
  const mail = await parseMail(raw);
  expect(mail.html?.trim()).toBe('<p>Hello</p>');
  expect(mail.text?.trim()).toBe('Hello');
  expect(mail.attachments.map((a) => a.filename)).toEqual(['report.pdf']);
});
