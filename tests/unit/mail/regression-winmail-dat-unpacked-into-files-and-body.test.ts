// Outlook and Exchange send rich text as winmail.dat (TNEF): the agent got one opaque file, the
// files inside it and, for a mail with no other body, the text were out of reach. They are
// unpacked now; winmail.dat itself is kept too.
import { attachmentNames } from '../../../lib/mail/attachmentName';
import { parseMail } from '../../../lib/mail/parse';
import { type TnefFile, tnef } from './containers';
import { crlf } from './fixtures';

const withWinmail = (winmail: Buffer, ownBody?: string): Buffer =>
  crlf(
    'From: a@example.com',
    'Subject: Quarterly report',
    'Content-Type: multipart/mixed; boundary="b"',
    '',
    ...(ownBody ? ['--b', 'Content-Type: text/plain', '', ownBody] : []),
    '--b',
    'Content-Type: application/ms-tnef; name="winmail.dat"',
    'Content-Disposition: attachment; filename="winmail.dat"',
    'Content-Transfer-Encoding: base64',
    '',
    winmail.toString('base64'),
    '--b--',
    '',
  );

const REPORT: TnefFile = {
  title: 'QUARTE~1.PDF',
  longName: 'Quarterly report 2026.pdf',
  mime: 'application/pdf',
  content: Buffer.from('%PDF-1.7 report'),
};

it('when a mail carries winmail.dat, then its files and body are unpacked and it is kept', async () => {
  const winmail = tnef({ html: '<p>See the <b>report</b>.</p>' }, [
    REPORT,
    { title: 'notes.txt', content: Buffer.from('notes') },
  ]);
  const mail = await parseMail(withWinmail(winmail));
  expect(mail.html).toBe('<p>See the <b>report</b>.</p>');
  expect(attachmentNames(mail.attachments)).toEqual([
    'winmail.dat',
    'Quarterly report 2026.pdf',
    'notes.txt',
  ]);
  expect(mail.attachments.map((a) => [a.contentType, a.size])).toEqual([
    ['application/ms-tnef', winmail.length],
    ['application/pdf', 15],
    ['application/octet-stream', 5],
  ]);
});

it('when the mail has a body of its own, then it keeps it and still gets the files', async () => {
  const winmail = tnef({ text: 'rich text copy' }, [REPORT]);
  const mail = await parseMail(withWinmail(winmail, 'The report is attached.'));
  expect(mail.text?.trim()).toBe('The report is attached.');
  expect(mail.attachments.map((a) => a.filename)).toEqual([
    'winmail.dat',
    'Quarterly report 2026.pdf',
  ]);
});

it('when winmail.dat holds more files than a mail may unpack, then the rest stay inside it', async () => {
  const many = Array.from({ length: 130 }, (_, i) => ({
    title: `f${i}.txt`,
    content: Buffer.from(`${i}`),
  }));
  const mail = await parseMail(withWinmail(tnef({}, many)));
  expect(mail.attachments).toHaveLength(1 + 100);
});

it('when winmail.dat is damaged, then it is kept as it came and nothing else is lost', async () => {
  const cut = tnef({ text: 'x' }, [REPORT]).subarray(0, 60);
  const mail = await parseMail(withWinmail(cut, 'Body'));
  expect(mail.text?.trim()).toBe('Body');
  expect(mail.attachments.map((a) => a.filename)).toEqual(['winmail.dat']);
});
