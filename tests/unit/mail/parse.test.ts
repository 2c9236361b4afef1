import { parseMail } from '../../../lib/mail/parse';

const crlf = (...lines: string[]) => Buffer.from(lines.join('\r\n'));

describe('parseMail', () => {
  it('when a multipart mail with an encoded subject and an attachment arrives, then the fields are decoded', async () => {
    const raw = crlf(
      'From: "Anna Müller" <Anna@Example.COM>',
      'To: support@contoso.com, "G" <g@x.org>',
      'Cc: team: a@b.c, d@e.f;',
      'Subject: =?UTF-8?Q?Dr=C3=BCcker?= kaputt',
      'Message-ID: <abc@example.com>',
      'In-Reply-To: <r2@x>',
      'References: <r1@x> <r2@x>',
      'MIME-Version: 1.0',
      'Content-Type: multipart/mixed; boundary=b',
      '',
      '--b',
      'Content-Type: text/plain; charset=iso-8859-1',
      'Content-Transfer-Encoding: quoted-printable',
      '',
      'Gr=FC=DFe',
      '--b',
      'Content-Type: application/pdf; name=a.pdf',
      'Content-Transfer-Encoding: base64',
      '',
      Buffer.from('PDFDATA').toString('base64'),
      '--b--',
      '',
    );
    const mail = await parseMail(raw);
    expect(mail.subject).toBe('Drücker kaputt');
    expect(mail.from).toEqual({ address: 'anna@example.com', name: 'Anna Müller' });
    expect(mail.to.map((a) => a.address)).toEqual(['support@contoso.com', 'g@x.org']);
    expect(mail.cc.map((a) => a.address)).toEqual(['a@b.c', 'd@e.f']);
    expect(mail.messageId).toBe('<abc@example.com>');
    expect(mail.inReplyTo).toBe('<r2@x>');
    expect(mail.references).toEqual(['<r1@x>', '<r2@x>']);
    expect(mail.text?.trim()).toBe('Grüße');
    expect(mail.attachments).toEqual([
      expect.objectContaining({ filename: 'a.pdf', contentType: 'application/pdf', size: 7 }),
    ]);
  });

  it('when an attachment consumer is given, then it receives the decoded bytes as a stream', async () => {
    const raw = crlf(
      'From: a@b.c',
      'Content-Type: multipart/mixed; boundary=b',
      '',
      '--b',
      'Content-Type: text/plain',
      '',
      'hi',
      '--b',
      'Content-Type: application/octet-stream; name=x.bin',
      'Content-Transfer-Encoding: base64',
      '',
      Buffer.from([0, 1, 2, 255]).toString('base64'),
      '--b--',
    );
    const seen: Buffer[] = [];
    await parseMail(raw, {
      onAttachment: async ({ content }) => {
        const chunks: Buffer[] = [];
        for await (const chunk of content) chunks.push(chunk as Buffer);
        seen.push(Buffer.concat(chunks));
      },
    });
    expect(seen).toEqual([Buffer.from([0, 1, 2, 255])]);
  });

  it('when the attachment consumer fails, then parsing fails as a permanent error', async () => {
    const raw = crlf(
      'From: a@b.c',
      'Content-Type: multipart/mixed; boundary=b',
      '',
      '--b',
      'Content-Type: application/pdf; name=a.pdf',
      '',
      'x',
      '--b--',
    );
    await expect(
      parseMail(raw, { onAttachment: () => Promise.reject(new Error('boom')) }),
    ).rejects.toMatchObject({
      code: 'mail-unparseable',
    });
  });

  it('when the mail has no headers at all, then nothing crashes and there is no sender', async () => {
    const mail = await parseMail(Buffer.from('garbage without headers'));
    expect(mail.from).toBeUndefined();
  });
});
