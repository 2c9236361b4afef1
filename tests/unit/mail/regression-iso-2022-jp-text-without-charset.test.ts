// Japanese mailers write ISO-2022-JP (RFC 1468) and sometimes label nothing: the escape
// sequences were shown, or the text was lost. Its escapes say which charset it is.
import { parseMail } from '../../../lib/mail/parse';

it('when ISO-2022-JP text has no charset label, then it is read as Japanese', async () => {
  const jis = Buffer.from('\x1b$B$3$s$K$A$O\x1b(B\r\n', 'latin1');
  const raw = Buffer.concat([
    Buffer.from('From: a@example.com\r\nContent-Type: text/plain\r\n\r\n'),
    jis,
  ]);
  expect((await parseMail(raw)).text?.trim()).toBe('こんにちは');
});
