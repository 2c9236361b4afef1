// An Outlook item attached to a mail (.msg) reached the ticket as one file that only Outlook
// opens: its text and its files are unpacked next to it now, an item inside it in turn, to a
// depth; a .msg whose compound file loops is kept but never opened.
import { parseMail } from '../../../lib/mail/parse';
import { type MsgItem, outlookMsg } from './containers';
import { crlf } from './fixtures';

const withMsg = (msg: Buffer): Buffer =>
  crlf(
    'From: a@example.com',
    'Subject: Fwd',
    'Content-Type: multipart/mixed; boundary="b"',
    '',
    '--b',
    'Content-Type: text/plain',
    '',
    'Forwarding the customer mail.',
    '--b',
    'Content-Type: application/vnd.ms-outlook; name="Customer.msg"',
    'Content-Disposition: attachment; filename="Customer.msg"',
    'Content-Transfer-Encoding: base64',
    '',
    msg.toString('base64'),
    '--b--',
    '',
  );

const item = (subject: string, files: MsgItem['files']): Buffer =>
  outlookMsg({ subject, body: `Body of ${subject}`, files });

it('when a mail carries an Outlook .msg, then its body and files are unpacked and it is kept', async () => {
  const msg = item('Order 42', [{ name: 'order.pdf', content: Buffer.from('%PDF-order') }]);
  const mail = await parseMail(withMsg(msg));
  expect(mail.text?.trim()).toBe('Forwarding the customer mail.');
  expect(mail.attachments.map((a) => [a.filename, a.size])).toEqual([
    ['Customer.msg', msg.length],
    ['Order 42.txt', 'Body of Order 42'.length],
    ['order.pdf', 10],
  ]);
});

it('when .msg files nest, then they are unpacked three levels deep and no further', async () => {
  let msg = item('Level 5', [{ name: 'deep.txt', content: Buffer.from('deep') }]);
  for (let level = 4; level >= 1; level--) {
    msg = item(`Level ${level}`, [{ name: `level${level + 1}.msg`, content: msg }]);
  }
  const names = (await parseMail(withMsg(msg))).attachments.map((a) => a.filename);
  expect(names).toEqual([
    'Customer.msg',
    'Level 1.txt',
    'level2.msg',
    'Level 2.txt',
    'level3.msg',
    'Level 3.txt',
    'level4.msg',
  ]);
});

it('when a .msg sector chain loops, then it is kept and not opened', async () => {
  const msg = Buffer.from(item('Loop', [{ name: 'a.txt', content: Buffer.from('a') }]));
  // The directory's first sector is made to point at itself in the FAT (MS-CFB §2.3).
  const dirStart = msg.readUInt32LE(0x30);
  const fatSector = msg.readUInt32LE(0x4c);
  msg.writeUInt32LE(dirStart, (fatSector + 1) * 512 + dirStart * 4);
  const mail = await parseMail(withMsg(msg));
  expect(mail.attachments.map((a) => a.filename)).toEqual(['Customer.msg']);
});
