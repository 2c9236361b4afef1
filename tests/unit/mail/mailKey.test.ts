import { mailFingerprint, mailKey, reusedKey } from '../../../lib/mail/mailKey';
import { parseMail } from '../../../lib/mail/parse';

const raw = Buffer.from('From: a@b.c\r\n\r\nhi');

describe('mailKey', () => {
  it('when two deliveries carry the same Message-ID, then they get the same key whatever the bytes', () => {
    expect(mailKey('<m1@x>', raw)).toBe(mailKey(' <m1@x> ', Buffer.from('other bytes')));
  });
  it('when there is no Message-ID, then the key comes from the bytes', () => {
    expect(mailKey(undefined, raw)).toBe(mailKey(undefined, Buffer.from(raw)));
    expect(mailKey(undefined, raw)).not.toBe(
      mailKey(undefined, Buffer.from('From: a@b.c\r\n\r\nho')),
    );
  });
  it('when keyed, then the stored value is a hash and never the Message-ID itself', () => {
    expect(mailKey('<abc@example.com>', raw)).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('mailFingerprint', () => {
  const mail = (lines: string[]): Buffer => Buffer.from(lines.join('\r\n'));
  const original = mail([
    'From: Vera <vera@example.com>',
    'To: support@contoso.com',
    'Subject: Contract',
    'Message-ID: <c1@example.com>',
    'Date: Tue, 01 Dec 2026 09:15:00 +0000',
    '',
    'Signed contract attached.',
  ]);
  const fingerprint = async (raw: Buffer): Promise<string> =>
    mailFingerprint(await parseMail(raw), raw);

  it('when a relay delivers the mail again with trace fields on top, then the fingerprint is the same', async () => {
    const resent = Buffer.concat([
      Buffer.from('Received: from relay2 by mx; Tue, 01 Dec 2026 09:20:00 +0000\r\n'),
      Buffer.from('DKIM-Signature: v=1; d=example.net; b=abc\r\n'),
      original,
    ]);
    expect(await fingerprint(resent)).toBe(await fingerprint(original));
  });

  it('when another sender or another body uses the same Message-ID, then the fingerprint differs', async () => {
    const other = (from: string, to: string) => Buffer.from(original.toString().replace(from, to));
    const base = await fingerprint(original);
    expect(await fingerprint(other('vera@example.com', 'mallory@evil.example'))).not.toBe(base);
    expect(await fingerprint(other('Signed contract', 'Forged contract'))).not.toBe(base);
    expect(await fingerprint(original)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('when a mail is under a Message-ID another mail holds, then its own key is stable per mail', () => {
    const key = mailKey('<c1@example.com>', raw);
    expect(reusedKey(key, 'a')).toBe(reusedKey(key, 'a'));
    expect(reusedKey(key, 'a')).not.toBe(reusedKey(key, 'b'));
    expect(reusedKey(key, 'a')).not.toBe(key);
  });
});
