// RFC 2046 §5.1.1 lets a delimiter line end in whitespace; mailsplit did not see such a line as a
// delimiter, so the whole mail became one part: no body and no attachment.
import { parseMail } from '../../../lib/mail/parse';
import { crlf } from './fixtures';

it('when boundary lines end in whitespace, then the body and the attachment are kept', async () => {
  const raw = crlf(
    'From: a@example.com',
    'Content-Type: multipart/mixed; boundary="b"',
    '',
    '--b  ',
    'Content-Type: text/plain',
    '',
    'See the invoice.',
    '--b\t',
    'Content-Type: application/pdf; name="invoice.pdf"',
    'Content-Transfer-Encoding: base64',
    '',
    Buffer.from('%PDF-1.4').toString('base64'),
    '--b-- ',
    '',
  );
  const mail = await parseMail(raw);
  expect(mail.text?.trim()).toBe('See the invoice.');
  expect(mail.attachments.map((a) => [a.filename, a.size])).toEqual([['invoice.pdf', 8]]);
});
