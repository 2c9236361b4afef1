import {
  MAX_CANDIDATES,
  MAX_HEADER_BYTES,
  candidateRecipients,
  readHeaderSection,
} from '../../../lib/mail/envelope';

const mail = (head: string) => Buffer.from(`${head}\r\n\r\nbody\r\n`);

describe('readHeaderSection', () => {
  it.each([
    { desc: 'a plain mail', raw: mail('From: a@b.c\r\nSubject: hi'), ok: true },
    { desc: 'folded headers', raw: mail('From: a@b.c\r\nSubject: a\r\n  long subject'), ok: true },
    {
      desc: 'an mbox separator line first',
      raw: mail('From a@b.c Mon Jan 1 00:00:00 2024\nFrom: a@b.c'),
      ok: true,
    },
    { desc: 'a JSON body', raw: Buffer.from('{"hello":"world"}'), ok: false },
    { desc: 'no From header', raw: mail('Subject: hi\r\nTo: x@y.z'), ok: false },
    { desc: 'a line that is not a header', raw: mail('From: a@b.c\r\nthis is prose'), ok: false },
  ])('when given $desc, then ok is $ok', ({ raw, ok }) => {
    expect(readHeaderSection(raw).ok).toBe(ok);
  });

  it('when the header section never ends within the limit, then it is refused as too large', () => {
    const raw = Buffer.from(`From: a@b.c\r\nX-Pad: ${'a'.repeat(MAX_HEADER_BYTES)}`);
    expect(readHeaderSection(raw)).toEqual({ ok: false, reason: 'header section too large' });
  });
});

describe('candidateRecipients', () => {
  it('when the relay gave no recipient, then its Delivered-To comes before To and Cc, lower-cased', () => {
    const check = readHeaderSection(
      mail(
        'Delivered-To: help@contoso.com\r\nReceived: by mx\r\nFrom: a@b.c\r\nTo: "Help" <Support@Contoso.com>, x@y.z\r\nCc: cc@d.e',
      ),
    );
    if (!check.ok) throw new Error('expected a mail');
    expect(candidateRecipients(check.fields)).toEqual([
      'help@contoso.com',
      'support@contoso.com',
      'x@y.z',
      'cc@d.e',
    ]);
  });

  it('when a header lists a thousand addresses, then only the first few are looked up, relay evidence first', () => {
    const many = Array.from({ length: 1000 }, (_, i) => `u${i}@spam.example`).join(', ');
    const check = readHeaderSection(
      mail(`Delivered-To: help@contoso.com\r\nReceived: by mx\r\nFrom: a@b.c\r\nTo: ${many}`),
    );
    if (!check.ok) throw new Error('expected a mail');
    const found = candidateRecipients(check.fields);
    expect(found).toHaveLength(MAX_CANDIDATES);
    expect(found[0]).toBe('help@contoso.com');
  });
});

describe('readHeaderSection bounds', () => {
  it('when a mail has more than 1,000 header fields, then it is refused', () => {
    const raw = mail(`From: a@b.c${'\r\nX: b'.repeat(1000)}`);
    expect(readHeaderSection(raw)).toEqual({ ok: false, reason: 'more than 1000 header fields' });
  });

  it('when address fields exceed 32 KiB, then the mail is refused', () => {
    const raw = mail(`From: a@b.c\r\nTo: ${'x@y.z, '.repeat(5000)}`);
    expect(readHeaderSection(raw)).toEqual({
      ok: false,
      reason: 'address and parameter fields larger than 32768 bytes',
    });
  });

  it('when a field is folded, then its value is unfolded and trimmed', () => {
    const check = readHeaderSection(mail('From: a@b.c\r\nSubject: one  \r\n\ttwo \r\n three'));
    expect(check.ok && check.fields[1]).toEqual({ name: 'subject', value: 'one two three' });
  });
});
