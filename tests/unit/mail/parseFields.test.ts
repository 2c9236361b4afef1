import { parseMail } from '../../../lib/mail/parse';
import { crlf } from './fixtures';

const dsn = crlf(
  'From: MAILER-DAEMON (Mail Delivery System)',
  'To: support@contoso.com',
  'Return-Path: <>',
  'Subject: Undelivered Mail Returned to Sender',
  'Content-Type: multipart/report; report-type=delivery-status; boundary=r',
  '',
  '--r',
  'Content-Type: text/plain',
  '',
  'I could not deliver it.',
  '--r',
  'Content-Type: message/delivery-status',
  'Content-Description: Delivery report',
  '',
  'Reporting-MTA: dns; mx.example.net',
  '',
  'Final-Recipient: rfc822; gone@example.org',
  'Action: failed',
  'Status: 5.1.1',
  '--r',
  'Content-Type: message/rfc822',
  '',
  'From: support@contoso.com',
  'Subject: =?UTF-8?Q?Ihr_Drucker_=C3=BC?=',
  '',
  'original',
  '--r--',
);

describe('parseMail fields', () => {
  it('when a DSN arrives, then its structure, report text and null return path are exposed', async () => {
    const mail = await parseMail(dsn);
    expect(mail.contentType).toBe('multipart/report');
    expect(mail.returnPath).toBe('');
    expect(mail.from).toEqual({ address: 'mailer-daemon', name: 'Mail Delivery System' });
    expect(mail.structure).toEqual({
      parts: 4,
      depth: 2,
      types: ['multipart/report', 'text/plain', 'message/delivery-status', 'message/rfc822'],
      reportType: 'delivery-status',
    });
    expect(mail.reports).toEqual([
      {
        contentType: 'message/delivery-status',
        text: expect.stringContaining('Final-Recipient: rfc822; gone@example.org'),
      },
    ]);
    expect(mail.text?.trim()).toBe('I could not deliver it.');
  });

  it('when a DSN arrives, then its parts are attachments with what is needed to name them', async () => {
    const mail = await parseMail(dsn);
    expect(mail.attachments).toEqual([
      expect.objectContaining({
        contentType: 'message/delivery-status',
        description: 'Delivery report',
        partId: '2',
      }),
      expect.objectContaining({
        contentType: 'message/rfc822',
        embeddedSubject: 'Ihr Drucker ü',
        partId: '3',
      }),
    ]);
  });

  it('when From has no address, then Reply-To is kept but names no requester', async () => {
    const mail = await parseMail(
      crlf('From: "Nobody" <>', 'Reply-To: <Real@Example.com>', '', 'hi'),
    );
    expect(mail.from).toBeUndefined();
    expect(mail.replyTo).toEqual([{ address: 'real@example.com', name: '' }]);
  });

  it('when From has no address, then Sender is the requester, not Reply-To', async () => {
    const mail = await parseMail(
      crlf(
        'From: "Nobody" <>',
        'Reply-To: r@example.com',
        'Sender: Bot <bot@example.com>',
        '',
        'hi',
      ),
    );
    expect(mail.from).toEqual({ address: 'bot@example.com', name: 'Bot' });
  });

  it('when there is no From, then Sender is the requester', async () => {
    const mail = await parseMail(crlf('Sender: Bot <bot@example.com>', '', 'hi'));
    expect(mail.from).toEqual({ address: 'bot@example.com', name: 'Bot' });
  });

  it('when an address has spaces or quotes, then it is no address', async () => {
    const mail = await parseMail(
      crlf('From: a@example.com', 'To: "a b"@example.com>, ok@example.com', '', 'x'),
    );
    expect(mail.to.map((a) => a.address)).toEqual(['ok@example.com']);
  });

  it('when Return-Path names a sender, then it is kept lower-cased', async () => {
    const mail = await parseMail(
      crlf('Return-Path: <Bounce@Example.com>', 'From: a@example.com', '', 'x'),
    );
    expect(mail.returnPath).toBe('bounce@example.com');
  });

  it('when an attachment is declared octet-stream, then the declared type is kept beside the guess', async () => {
    const raw = crlf(
      'From: a@example.com',
      'Content-Type: multipart/mixed; boundary=b',
      '',
      '--b',
      'Content-Type: application/octet-stream; name="a.pdf"',
      'Content-Location: file:///C:/tmp/a.pdf',
      '',
      'x',
      '--b--',
    );
    const [attachment] = (await parseMail(raw)).attachments;
    expect(attachment).toMatchObject({
      contentType: 'application/pdf',
      declaredContentType: 'application/octet-stream',
      location: 'file:///C:/tmp/a.pdf',
    });
  });

  it('when an attachment is x-uuencoded, then its decoded bytes, size and md5 are given', async () => {
    const raw = crlf(
      'From: a@example.com',
      'Content-Type: multipart/mixed; boundary=b',
      '',
      '--b',
      'Content-Type: text/plain; name="a.txt"',
      'Content-Disposition: attachment; filename="a.txt"',
      'Content-Transfer-Encoding: x-uuencode',
      '',
      'begin 644 a.txt',
      '%:&5L;&\\`',
      '`',
      'end',
      '--b--',
    );
    const chunks: Buffer[] = [];
    const mail = await parseMail(raw, {
      onAttachment: async ({ content }) => {
        for await (const chunk of content) chunks.push(chunk as Buffer);
      },
    });
    expect(Buffer.concat(chunks).toString()).toBe('hello');
    expect(mail.attachments[0]).toMatchObject({
      size: 5,
      checksum: '5d41402abc4b2a76b9719d911017c592',
    });
  });
});
