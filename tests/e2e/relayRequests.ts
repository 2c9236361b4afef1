/**
 * Requests as each relay sends them, built from the providers' documented formats, for the unit
 * tests of lib/relays and the end-to-end tests of the relay routes:
 * - SendGrid Inbound Parse (raw MIME on): multipart/form-data with SendGrid's boundary `xYzZY`,
 *   the mail in `email`, the SMTP envelope as JSON in `envelope`, `spam_score` with the spam check.
 * - Mailgun forward() to a URL ending in `mime`: urlencoded (multipart when the mail has
 *   attachments) with `body-mime`, `recipient`, and `timestamp`/`token`/`signature`.
 * - Postmark inbound webhook JSON with `RawEmail` and `OriginalRecipient`, SpamAssassin's headers
 *   in `Headers`.
 */
import { createHmac } from 'node:crypto';

export interface RelayBody {
  body: Buffer;
  headers: Record<string, string>;
}

const BOUNDARY = 'xYzZY';

/** A multipart/form-data body with plain fields, in order, as SendGrid writes it. */
export function multipart(fields: [string, string | Buffer][], boundary = BOUNDARY): RelayBody {
  const parts = fields.map(([name, value]) =>
    Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n`),
      Buffer.isBuffer(value) ? value : Buffer.from(value, 'utf8'),
      Buffer.from('\r\n'),
    ]),
  );
  const body = Buffer.concat([...parts, Buffer.from(`--${boundary}--\r\n`)]);
  return { body, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

export function sendGrid(
  raw: Buffer,
  opts: { to?: string[]; spamScore?: string; omitEmail?: boolean } = {},
): RelayBody {
  const to = opts.to ?? [];
  const fields: [string, string | Buffer][] = [
    ['dkim', '{@example.com : pass}'],
    ...(opts.omitEmail ? [] : ([['email', raw]] as [string, Buffer][])),
    ['to', to.join(', ')],
    ['from', 'Anna Example <anna@example.com>'],
    ['sender_ip', '192.0.2.10'],
    ['spam_report', 'Spam detection software, running on the system "mx.sendgrid.net" ...'],
    ['envelope', JSON.stringify({ to, from: 'anna@example.com' })],
    ['subject', 'Printer broken'],
    ...(opts.spamScore === undefined
      ? []
      : ([['spam_score', opts.spamScore]] as [string, string][])),
    ['charsets', JSON.stringify({ to: 'UTF-8', from: 'UTF-8', subject: 'UTF-8' })],
    ['SPF', 'pass'],
  ];
  return multipart(fields);
}

export function mailgunSignature(key: string, timestamp: string, token: string): string {
  return createHmac('sha256', key)
    .update(timestamp + token)
    .digest('hex');
}

export interface MailgunFields {
  raw?: Buffer;
  recipient: string;
  key: string;
  timestamp: string;
  token: string;
  signature?: string;
}

/** Mailgun's forward of the raw mail, urlencoded (no attachments) or multipart. */
export function mailgun(f: MailgunFields, encoding: 'urlencoded' | 'multipart'): RelayBody {
  const fields: [string, string | Buffer][] = [
    ['recipient', f.recipient],
    ['sender', 'anna@example.com'],
    ['subject', 'Printer broken'],
    ['from', 'Anna Example <anna@example.com>'],
    ...(f.raw ? ([['body-mime', f.raw]] as [string, Buffer][]) : []),
    ['timestamp', f.timestamp],
    ['token', f.token],
    ['signature', f.signature ?? mailgunSignature(f.key, f.timestamp, f.token)],
  ];
  if (encoding === 'multipart') return multipart(fields, 'f8c6d6d4a6e84ba4a3c1e0e2c0b1d9c7');
  // URLSearchParams reads strings; a mail's 8-bit bytes travel percent-encoded, one for one.
  const form = fields
    .map(([n, v]) => `${encodeURIComponent(n)}=${percent(Buffer.isBuffer(v) ? v : Buffer.from(v))}`)
    .join('&');
  return {
    body: Buffer.from(form, 'latin1'),
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  };
}

function percent(bytes: Buffer): string {
  let out = '';
  for (const b of bytes) {
    const c = String.fromCharCode(b);
    out += /[A-Za-z0-9*\-._]/.test(c)
      ? c
      : b === 0x20
        ? '+'
        : `%${b.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** Postmark's inbound JSON with the raw mail included. */
export function postmark(
  raw: Buffer | undefined,
  opts: { recipient: string; spamScores?: string[]; credentials?: string },
): RelayBody {
  const json = {
    FromName: 'Anna Example',
    MessageStream: 'inbound',
    From: 'anna@example.com',
    FromFull: { Email: 'anna@example.com', Name: 'Anna Example', MailboxHash: '' },
    To: opts.recipient,
    ToFull: [{ Email: opts.recipient, Name: '', MailboxHash: '' }],
    Cc: '',
    CcFull: [],
    Bcc: '',
    BccFull: [],
    OriginalRecipient: opts.recipient,
    Subject: 'Printer broken',
    MessageID: '73e6d360-66eb-11e1-8e72-a8904824019b',
    ReplyTo: '',
    MailboxHash: '',
    Date: 'Wed, 2 Dec 2026 05:00:00 +0100',
    TextBody: 'It prints blank pages.',
    HtmlBody: '',
    StrippedTextReply: '',
    Tag: '',
    Headers: [
      {
        Name: 'X-Spam-Checker-Version',
        Value: 'SpamAssassin 3.4.0 (2014-02-07) on p-pm-inboundg01',
      },
      { Name: 'X-Spam-Status', Value: 'No' },
      ...(opts.spamScores ?? ['-0.1']).map((Value) => ({ Name: 'X-Spam-Score', Value })),
      { Name: 'X-Spam-Tests', Value: 'DKIM_SIGNED,DKIM_VALID,SPF_PASS' },
      { Name: 'Received-SPF', Value: 'Pass (sender SPF authorized)' },
      { Name: 'Message-ID', Value: '<relay-1@example.com>' },
    ],
    Attachments: [],
    ...(raw ? { RawEmail: raw.toString('utf8') } : {}),
  };
  const credentials = opts.credentials;
  return {
    body: Buffer.from(JSON.stringify(json), 'utf8'),
    headers: {
      'content-type': 'application/json',
      ...(credentials === undefined
        ? {}
        : { authorization: `Basic ${Buffer.from(credentials).toString('base64')}` }),
    },
  };
}
