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
  it('when the relay gave no recipient, then Delivered-To comes before To and Cc, lower-cased', () => {
    const check = readHeaderSection(
      mail(
        'From: a@b.c\r\nTo: "Help" <Support@Contoso.com>, x@y.z\r\nCc: cc@d.e\r\nDelivered-To: help@contoso.com',
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

  it('when a header lists thousands of addresses, then only the first few are looked up, relay evidence first', () => {
    const many = Array.from({ length: 5000 }, (_, i) => `u${i}@spam.example`).join(', ');
    const check = readHeaderSection(
      mail(`From: a@b.c\r\nTo: ${many}\r\nDelivered-To: help@contoso.com`),
    );
    if (!check.ok) throw new Error('expected a mail');
    const found = candidateRecipients(check.fields);
    expect(found).toHaveLength(MAX_CANDIDATES);
    expect(found[0]).toBe('help@contoso.com');
  });
});
