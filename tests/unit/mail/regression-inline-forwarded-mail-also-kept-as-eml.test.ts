// A mail forwarded inline (message/rfc822, Content-Disposition: inline) was shown in the body
// only: the agent could not open or pass on the original. It is now also kept as a .eml file.
import { attachmentName } from '../../../lib/mail/attachmentName';
import { parseMail } from '../../../lib/mail/parse';
import { crlf } from './fixtures';

it('when a forwarded mail is shown inline, then it is also kept as an .eml file', async () => {
  const raw = crlf(
    'From: a@example.com',
    'Subject: Fwd: Order',
    'Content-Type: multipart/mixed; boundary="b"',
    '',
    '--b',
    'Content-Type: text/plain',
    '',
    'See below.',
    '--b',
    'Content-Type: message/rfc822',
    'Content-Disposition: inline',
    '',
    'From: c@example.com',
    'Subject: Order 42',
    'Content-Type: text/plain',
    '',
    'Please ship order 42.',
    '--b--',
    '',
  );
  const mail = await parseMail(raw);
  expect(mail.text).toContain('Please ship order 42.');
  expect(mail.attachments.map(attachmentName)).toEqual(['Order 42.eml']);
});
