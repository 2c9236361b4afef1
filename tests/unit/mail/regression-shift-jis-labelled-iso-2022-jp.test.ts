// Japanese mailers label Shift_JIS as ISO-2022-JP (Zammad corpus mail093): the subject came out
// as "�c�[��" and the sender's name as garbage.
import { parseMail } from '../../../lib/mail/parse';
import { crlf } from './fixtures';

const SJIS_TOOL = Buffer.from([0x83, 0x63, 0x81, 0x5b, 0x83, 0x8b]); // ツール

it('when an ISO-2022-JP encoded word holds Shift_JIS, then it is read as Shift_JIS', async () => {
  const word = `=?ISO-2022-JP?B?${SJIS_TOOL.toString('base64')}?=`;
  const mail = await parseMail(
    crlf(`From: ${word} <bar@example.org>`, `Subject: ${word}`, '', 'x'),
  );
  expect(mail.from?.name).toBe('ツール');
  expect(mail.subject).toBe('ツール');
});

it('when a raw Shift_JIS subject arrives in a mail declaring ISO-2022-JP, then it is read as Shift_JIS', async () => {
  const raw = Buffer.concat([
    Buffer.from('From: bar@example.org\r\nSubject: '),
    SJIS_TOOL,
    Buffer.from('\r\nContent-Type: text/plain; charset=iso-2022-jp\r\n\r\nx'),
  ]);
  expect((await parseMail(raw)).subject).toBe('ツール');
});
