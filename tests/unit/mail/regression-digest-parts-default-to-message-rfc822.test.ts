// In a multipart/digest a part without Content-Type is message/rfc822 (RFC 2046 §5.1.5), not
// text/plain: each digested mail's headers were shown as text in the body, and none was kept.
import { parseMail } from '../../../lib/mail/parse';
import { crlf } from './fixtures';

it('when digest parts declare no type, then each is kept as an attached mail', async () => {
  const raw = crlf(
    'From: list@example.com',
    'Subject: Digest',
    'Content-Type: multipart/digest; boundary="d"',
    '',
    '--d',
    '',
    'From: b@example.com',
    'Subject: First question',
    '',
    'first',
    '--d',
    '',
    'From: c@example.com',
    'Subject: Second question',
    '',
    'second',
    '--d--',
    '',
  );
  const mail = await parseMail(raw);
  expect(mail.text ?? '').not.toContain('Subject:');
  expect(mail.attachments.map((a) => [a.contentType, a.embeddedSubject])).toEqual([
    ['message/rfc822', 'First question'],
    ['message/rfc822', 'Second question'],
  ]);
});
