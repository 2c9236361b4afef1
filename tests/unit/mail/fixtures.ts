/** Builders for the mail tests: generated mails (never corpus copies) and ParsedMail views. */
import type { ParsedMail } from '../../../lib/mail/parse';

export const crlf = (...lines: string[]): Buffer => Buffer.from(lines.join('\r\n'));

/** A mail whose MIME tree nests `depth` levels (the root counting as 1), a text part innermost. */
export function nestedMail(depth: number): Buffer {
  const lines = ['From: a@example.com', 'Subject: deep'];
  for (let level = 1; level < depth; level++) {
    lines.push(`Content-Type: multipart/mixed; boundary="b${level}"`, '', `--b${level}`);
  }
  lines.push('Content-Type: text/plain', '', 'innermost');
  for (let level = depth - 1; level >= 1; level--) lines.push(`--b${level}--`);
  return crlf(...lines, '');
}

/** A mail with a text part and `count` small attachments. */
export function manyAttachments(count: number): Buffer {
  const lines = [
    'From: a@example.com',
    'Subject: many',
    'Content-Type: multipart/mixed; boundary=b',
    '',
  ];
  lines.push('--b', 'Content-Type: text/plain', '', 'see attached');
  for (let i = 0; i < count; i++) {
    lines.push('--b', `Content-Type: application/octet-stream; name="f${i}.bin"`);
    lines.push(
      'Content-Transfer-Encoding: base64',
      '',
      Buffer.from(`file ${i}`).toString('base64'),
    );
  }
  return crlf(...lines, '--b--', '');
}

/** A ParsedMail with defaults for everything a test does not set. */
export function parsed(
  overrides: Partial<ParsedMail> & { header?: Record<string, string> } = {},
): ParsedMail {
  const { header = {}, ...rest } = overrides;
  return {
    messageId: '<m@example.com>',
    inReplyTo: undefined,
    references: [],
    subject: 'Printer broken',
    from: { address: 'anna@example.com', name: 'Anna' },
    to: [{ address: 'support@contoso.com', name: '' }],
    cc: [],
    replyTo: [],
    returnPath: 'anna@example.com',
    contentType: 'text/plain',
    date: undefined,
    text: 'Hello, the printer is broken.',
    html: undefined,
    headers: new Map(Object.entries(header).map(([k, v]) => [k.toLowerCase(), [v]])),
    attachments: [],
    structure: { parts: 1, depth: 1, types: ['text/plain'], reportType: undefined },
    reports: [],
    ...rest,
  };
}
