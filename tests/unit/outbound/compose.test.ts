import { parseMail } from '../../../lib/mail/parse';
import { type MailSpec, composeMail } from '../../../lib/outbound/compose';
import { htmlToText } from '../../../lib/outbound/plainText';

const base: MailSpec = {
  from: { address: 'support@contoso.com', name: 'Contoso Support' },
  to: [{ address: 'alice@example.org', name: 'Alice Müller' }],
  subject: '[#42] Printer on fire',
  html: '<p>Hello Alice,</p><p>your ticket is <b>#42</b> &amp; we are on it.</p>',
};

describe('composeMail', () => {
  it('gives the mail a Message-ID of the sender domain that the parsed mail carries', async () => {
    const { raw, messageId } = await composeMail(base);
    expect(messageId).toMatch(/^<[0-9a-f-]{36}@contoso\.com>$/);
    const mail = await parseMail(raw);
    expect(mail.messageId).toBe(messageId);
    expect(mail.subject).toBe('[#42] Printer on fire');
    expect(mail.from).toEqual({ address: 'support@contoso.com', name: 'Contoso Support' });
    expect(mail.to).toEqual([{ address: 'alice@example.org', name: 'Alice Müller' }]);
    expect(mail.cc).toEqual([]);
  });

  it('threads by In-Reply-To and References and carries Cc', async () => {
    const { raw } = await composeMail({
      ...base,
      cc: [{ address: 'bob@example.org' }],
      inReplyTo: '<b@example.org>',
      references: ['<a@example.org>', '<b@example.org>'],
    });
    const mail = await parseMail(raw);
    expect(mail.inReplyTo).toBe('<b@example.org>');
    expect(mail.references).toEqual(['<a@example.org>', '<b@example.org>']);
    expect(mail.cc.map((a) => a.address)).toEqual(['bob@example.org']);
  });

  it('marks automatic mail per RFC 3834 and asks Exchange for no auto-reply', async () => {
    const auto = await parseMail((await composeMail({ ...base, autoSubmitted: true })).raw);
    expect(auto.headers.get('auto-submitted')).toEqual(['auto-replied']);
    expect(auto.headers.get('x-auto-response-suppress')).toEqual(['All']);
    const person = await parseMail((await composeMail(base)).raw);
    expect(person.headers.has('auto-submitted')).toBe(false);
  });

  it('sends HTML with a plain-text alternative derived from it', async () => {
    const { raw } = await composeMail(base);
    const mail = await parseMail(raw);
    expect(mail.contentType).toBe('multipart/alternative');
    expect(mail.html).toContain('<b>#42</b>');
    expect(mail.text?.trim()).toBe('Hello Alice,\n\nyour ticket is #42 & we are on it.');
  });

  it('keeps a subject on one line, whatever it was given', async () => {
    const { raw } = await composeMail({ ...base, subject: 'Hi\r\nBcc: eve@example.org' });
    const mail = await parseMail(raw);
    expect(mail.subject).toBe('Hi Bcc: eve@example.org');
    expect(mail.headers.has('bcc')).toBe(false);
    expect(raw.toString('latin1')).not.toMatch(/^Bcc:/im);
  });

  it('attaches files from their bytes', async () => {
    const content = Buffer.from('%PDF-1.4 not really');
    const { raw } = await composeMail({
      ...base,
      attachments: [{ filename: 'report.pdf', content, contentType: 'application/pdf' }],
    });
    const mail = await parseMail(raw);
    expect(mail.contentType).toBe('multipart/mixed');
    expect(mail.attachments).toEqual([
      expect.objectContaining({
        filename: 'report.pdf',
        contentType: 'application/pdf',
        size: content.length,
      }),
    ]);
    expect(mail.html).toContain('Hello Alice');
  });

  it('refuses a mail to no one as a bug of its caller', async () => {
    await expect(composeMail({ ...base, to: [] })).rejects.toMatchObject({ code: 'bug' });
  });

  it('never reads a path given as an attachment name', async () => {
    const { raw } = await composeMail({
      ...base,
      attachments: [{ filename: '/etc/passwd', content: Buffer.from('x') }],
    });
    expect(raw.toString('latin1')).not.toContain('root:');
  });
});

describe('htmlToText', () => {
  it('keeps breaks, list items and link targets, drops tags and decodes entities', () => {
    const html =
      '<div>One<br>two</div><ul><li>a</li><li>b</li></ul><p><a href="https://x.example/t">see</a> &lt;ok&gt; &#x263A;</p><script>x()</script>';
    expect(htmlToText(html)).toBe('One\ntwo\n\n- a\n- b\n\nsee (https://x.example/t) <ok> ☺');
  });
});
