// 8-bit text with no charset, or the Latin-1 default written over other bytes, was read as
// windows-1252: Cyrillic became "Ïðèâåò", UTF-8 became "GrÃ¼ÃŸe". The charset is detected.
import { parseMail } from '../../../lib/mail/parse';

const CYRILLIC = 'Привет, у нас не работает принтер в офисе, помогите пожалуйста';
// windows-1251: А..я are 0xC0..0xFF.
const cp1251 = (s: string): Buffer =>
  Buffer.from(
    [...s].map((c) => (c >= 'А' && c <= 'я' ? c.charCodeAt(0) - 0x410 + 0xc0 : c.charCodeAt(0))),
  );

const mail = (contentType: string | undefined, body: Buffer): Buffer =>
  Buffer.concat([
    Buffer.from(
      `From: a@example.com\r\n${contentType ? `Content-Type: ${contentType}\r\n` : ''}\r\n`,
    ),
    body,
    Buffer.from('\r\n'),
  ]);

it('when 8-bit text has no or a wrong charset, then its charset is detected', async () => {
  expect((await parseMail(mail(undefined, cp1251(CYRILLIC)))).text?.trim()).toBe(CYRILLIC);
  const wrong = mail('text/plain; charset=iso-8859-1', cp1251(CYRILLIC));
  expect((await parseMail(wrong)).text?.trim()).toBe(CYRILLIC);
  const utf8 = mail('text/plain; charset=iso-8859-1', Buffer.from('Grüße aus München'));
  expect((await parseMail(utf8)).text?.trim()).toBe('Grüße aus München');
  // Latin-1 that says so is left alone.
  const latin = mail('text/plain; charset=iso-8859-1', Buffer.from('Grüße aus München', 'latin1'));
  expect((await parseMail(latin)).text?.trim()).toBe('Grüße aus München');
});
