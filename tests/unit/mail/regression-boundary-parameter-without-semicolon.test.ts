// `Content-Type: multipart/mixed boundary="b"` lacks the `;` of RFC 2045 §5.1; the boundary was
// not read, so the mail was one unreadable part: no body, no attachment.
import { parseMail } from '../../../lib/mail/parse';
import { crlf } from './fixtures';

it('when boundary= follows the type without a semicolon, then the parts are read', async () => {
  const raw = crlf(
    'From: a@example.com',
    'Content-Type: multipart/mixed',
    ' boundary="b"',
    '',
    '--b',
    'Content-Type: text/plain',
    '',
    'Scan attached.',
    '--b',
    'Content-Type: image/png; name="scan.png"',
    'Content-Transfer-Encoding: base64',
    '',
    Buffer.from('PNG').toString('base64'),
    '--b--',
    '',
  );
  const mail = await parseMail(raw);
  expect(mail.text?.trim()).toBe('Scan attached.');
  expect(mail.attachments.map((a) => a.filename)).toEqual(['scan.png']);
});
