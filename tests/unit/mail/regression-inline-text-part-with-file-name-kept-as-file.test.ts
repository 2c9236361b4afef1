// An inline text part with a file name (a log pasted as an inline attachment) was only merged
// into the body: the agent had no file. It is kept as a file too, its text still shown.
import { parseMail } from '../../../lib/mail/parse';
import { crlf } from './fixtures';

it('when an inline text part has a file name, then it is also kept as that file', async () => {
  const raw = crlf(
    'From: a@example.com',
    'Content-Type: multipart/mixed; boundary="b"',
    '',
    '--b',
    'Content-Type: text/plain',
    '',
    'The log is attached.',
    '--b',
    'Content-Type: text/plain; name="error.log"',
    'Content-Disposition: inline; filename="error.log"',
    '',
    'ERROR disk full',
    '--b--',
    '',
  );
  const mail = await parseMail(raw);
  expect(mail.text).toContain('ERROR disk full');
  expect(mail.attachments.map((a) => [a.filename, a.size])).toEqual([['error.log', 15]]);
});
