// A file name in raw GB2312 bytes, the charset declared on the mail (Zammad corpus mail015):
// it came out as Latin-1 mojibake ("¼¨Ð§").
import { parseMail } from '../../../lib/mail/parse';

it('when a part header names a file in raw 8-bit bytes, then the mail charset decodes it', async () => {
  const name = Buffer.from([0xbc, 0xa8, 0xd0, 0xa7, 0x2e, 0x78, 0x6c, 0x73]); // 绩效.xls
  const raw = Buffer.concat([
    Buffer.from(
      'From: a@example.com\r\nContent-Type: multipart/mixed; boundary=b; charset="GB2312"\r\n\r\n',
    ),
    Buffer.from('--b\r\nContent-Type: application/octet-stream; name="'),
    name,
    Buffer.from('"\r\nContent-Transfer-Encoding: base64\r\n\r\neA==\r\n--b--\r\n'),
  ]);
  expect((await parseMail(raw)).attachments[0]?.filename).toBe('绩效.xls');
});
