// A mailer put UTF-8 inside an encoded word labelled ISO-8859-1 (raw bytes or encoded): each
// letter was decoded twice, "FrÃ¶sche" instead of "Frösche".
import { parseMail } from '../../../lib/mail/parse';

const mail = (subject: Buffer): Buffer =>
  Buffer.concat([
    Buffer.from('From: a@example.com\r\nSubject: '),
    subject,
    Buffer.from('\r\n\r\nx\r\n'),
  ]);

it('when a Latin-1 encoded word holds UTF-8 bytes, then each letter is decoded once', async () => {
  const raw8bit = Buffer.concat([
    Buffer.from('=?iso-8859-1?Q?Fr'),
    Buffer.from([0xc3, 0xb6]),
    Buffer.from('sche_und_Kr=C3=B6ten?='),
  ]);
  expect((await parseMail(mail(raw8bit))).subject).toBe('Frösche und Kröten');
  const encoded = Buffer.from(`=?iso-8859-1?B?${Buffer.from('Frösche').toString('base64')}?=`);
  expect((await parseMail(mail(encoded))).subject).toBe('Frösche');
  // Genuine Latin-1 stays as it was.
  expect((await parseMail(mail(Buffer.from('=?iso-8859-1?Q?Fr=F6sche?=')))).subject).toBe(
    'Frösche',
  );
});
