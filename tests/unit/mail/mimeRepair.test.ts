import { repairMime } from '../../../lib/mail/mimeRepair';
import { parseMail } from '../../../lib/mail/parse';
import { crlf, manyAttachments } from './fixtures';

const LIMITS = { maxParts: 1000, maxHeaderBytes: 256 * 1024 };

describe('repairMime', () => {
  it('when a mail is well formed, then it is returned as it came, not copied', () => {
    const raw = manyAttachments(3);
    expect(repairMime(raw, LIMITS)).toBe(raw);
  });

  it('when a part has a header section and no body, then the next delimiter still counts', async () => {
    const raw = crlf(
      'From: a@example.com',
      'Content-Type: multipart/mixed; boundary="b"',
      '',
      '--b',
      'Content-Type: text/plain',
      '',
      'Hello',
      '--b',
      'Content-Type: text/plain; name="empty.txt"',
      '--b ',
      'Content-Type: application/pdf; name="a.pdf"',
      '',
      'PDF',
      '--b--',
      '',
    );
    const mail = await parseMail(raw);
    expect(mail.text?.trim()).toBe('Hello');
    expect(mail.attachments.map((a) => a.filename)).toContain('a.pdf');
  });

  it('when a mail has more parts than the limit, then it is left to the parse to refuse', () => {
    const raw = Buffer.concat([manyAttachments(5), Buffer.from('--b  \r\n')]);
    expect(repairMime(raw, { ...LIMITS, maxParts: 3 })).toBe(raw);
  });
});
