/**
 * The only file that imports mailparser. Everything else sees the project's own ParsedMail.
 * Uses the streaming MailParser, not simpleParser: simpleParser buffers every attachment (about
 * 6x the message size in memory), while here each attachment is handed to `onAttachment` as a
 * stream and released as soon as it has been consumed.
 */
import { Readable } from 'node:stream';

import { type AddressObject, type EmailAddress, MailParser } from 'mailparser';

import { PermanentError } from '../errors';

export interface MailAddress {
  /** Lower-cased e-mail address. */
  address: string;
  name: string;
}

export interface AttachmentInfo {
  filename: string | undefined;
  contentType: string;
  contentId: string | undefined;
  /** True for parts of a multipart/related body (inline images). */
  related: boolean;
  size: number;
  checksum: string;
}

export interface AttachmentStream {
  info: Omit<AttachmentInfo, 'size' | 'checksum'>;
  content: Readable;
}

export interface ParsedMail {
  messageId: string | undefined;
  inReplyTo: string | undefined;
  references: string[];
  subject: string;
  from: MailAddress | undefined;
  to: MailAddress[];
  cc: MailAddress[];
  date: Date | undefined;
  text: string | undefined;
  html: string | undefined;
  /** Raw header values by lower-cased name, for classification (Auto-Submitted, Precedence, ...). */
  headers: ReadonlyMap<string, string[]>;
  attachments: AttachmentInfo[];
}

export interface ParseOptions {
  /** Consumes one attachment's bytes; the default drains them (size and checksum are still taken). */
  onAttachment?: (attachment: AttachmentStream) => Promise<void>;
}

// HTML bodies above 2 MiB are not converted to text by mailparser (the conversion is quadratic on
// some inputs); the HTML itself is still kept and sanitised later.
const MAX_HTML_TO_PARSE = 2 * 1024 * 1024;

async function drain(attachment: AttachmentStream): Promise<void> {
  for await (const _chunk of attachment.content) {
    // discard
  }
}

function addresses(value: AddressObject | AddressObject[] | undefined): MailAddress[] {
  const out: MailAddress[] = [];
  const visit = (entries: EmailAddress[]): void => {
    for (const entry of entries) {
      if (entry.group) visit(entry.group);
      else if (entry.address) out.push({ address: entry.address.toLowerCase(), name: entry.name });
    }
  };
  for (const obj of value === undefined ? [] : Array.isArray(value) ? value : [value]) visit(obj.value);
  return out;
}

function messageIds(value: string | string[] | undefined): string[] {
  const all = value === undefined ? [] : Array.isArray(value) ? value : [value];
  return all.flatMap((v) => v.match(/<[^<>\s]+>/g) ?? (v.trim() ? [v.trim()] : []));
}

function rawHeaders(lines: Array<{ key: string; line: string }>): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const { key, line } of lines) {
    const value = line.slice(line.indexOf(':') + 1).replace(/\r?\n[ \t]+/g, ' ').trim();
    map.set(key, [...(map.get(key) ?? []), value]);
  }
  return map;
}

export function parseMail(raw: Buffer | Readable, options: ParseOptions = {}): Promise<ParsedMail> {
  const onAttachment = options.onAttachment ?? drain;
  const parser = new MailParser({ maxHtmlLengthToParse: MAX_HTML_TO_PARSE, skipTextLinks: true });
  const input = Buffer.isBuffer(raw) ? Readable.from([raw]) : raw;
  const attachments: AttachmentInfo[] = [];
  const pending: Promise<void>[] = [];
  let headers = new Map<string, unknown>();
  let headerLines = new Map<string, string[]>();
  let text: string | undefined;
  let html: string | undefined;

  return new Promise<ParsedMail>((resolve, reject) => {
    const fail = (err: unknown): void => {
      input.unpipe(parser);
      reject(new PermanentError('mail-unparseable', 'the mail could not be parsed', { cause: err }));
    };
    parser.on('headers', (h: Map<string, unknown>) => (headers = h));
    parser.on('headerLines', (lines: Array<{ key: string; line: string }>) => {
      headerLines = rawHeaders(lines);
    });
    parser.on('data', (data) => {
      if (data.type === 'text') {
        text = data.text || undefined;
        html = typeof data.html === 'string' && data.html ? data.html : undefined;
        return;
      }
      const info = {
        filename: data.filename,
        contentType: data.contentType,
        contentId: data.cid,
        related: data.related === true,
      };
      const done = onAttachment({ info, content: data.content })
        .then(() => drain({ info, content: data.content }))
        .finally(() => {
          attachments.push({ ...info, size: data.size, checksum: data.checksum });
          data.release();
        });
      pending.push(done);
      done.catch(fail);
    });
    parser.on('error', fail);
    input.on('error', fail);
    parser.on('end', () => {
      Promise.all(pending)
        .then(() => resolve(toParsedMail(headers, headerLines, text, html, attachments)))
        .catch(fail);
    });
    input.pipe(parser);
  });
}

function toParsedMail(
  headers: Map<string, unknown>,
  headerLines: Map<string, string[]>,
  text: string | undefined,
  html: string | undefined,
  attachments: AttachmentInfo[],
): ParsedMail {
  const get = <T>(key: string): T | undefined => headers.get(key) as T | undefined;
  const from = addresses(get<AddressObject>('from'))[0];
  const date = get<Date>('date');
  return {
    messageId: messageIds(get<string>('message-id'))[0],
    inReplyTo: messageIds(get<string>('in-reply-to'))[0],
    references: messageIds(get<string | string[]>('references')),
    subject: (get<string>('subject') ?? '').trim(),
    from,
    to: addresses(get<AddressObject | AddressObject[]>('to')),
    cc: addresses(get<AddressObject | AddressObject[]>('cc')),
    date: date instanceof Date && !Number.isNaN(date.getTime()) ? date : undefined,
    text,
    html,
    headers: headerLines,
    attachments,
  };
}
