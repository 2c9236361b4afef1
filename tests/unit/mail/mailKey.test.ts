import { mailKey } from '../../../lib/mail/mailKey';

describe('mailKey', () => {
  const raw = Buffer.from('From: a@b.c\r\n\r\nhi');
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
