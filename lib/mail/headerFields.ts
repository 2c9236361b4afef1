/**
 * Header values of a parsed mail in the project's own shapes. mailparser's header map is read
 * through the small structural types below, so this file does not depend on mailparser.
 */
import type { MailAddress, ParsedMail } from './types';

interface AddressEntry {
  address?: string | undefined;
  name: string;
  group?: AddressEntry[] | undefined;
}
interface AddressList {
  value: AddressEntry[];
}

/** A header section as mailparser decoded it: values by lower-cased name, and raw lines. */
export interface HeaderSection {
  headers: Map<string, unknown>;
  lines: Map<string, string[]>;
}

// A usable address: no spaces, brackets or quotes, at most one @ with text on both sides. An
// unqualified local part ("MAILER-DAEMON") passes, as bounces use it; junk like `"a b"@x>` from
// spam does not become a contact.
const MAILBOX = /^[^\s@<>()[\],;:"]+(@[^\s@<>()[\],;:"]+)?$/;

export function isMailbox(address: string): boolean {
  return MAILBOX.test(address);
}

export function addresses(value: unknown): MailAddress[] {
  const out: MailAddress[] = [];
  const visit = (entries: AddressEntry[]): void => {
    for (const entry of entries) {
      if (entry.group) visit(entry.group);
      else if (entry.address && isMailbox(entry.address))
        out.push({ address: entry.address.toLowerCase(), name: entry.name });
    }
  };
  const lists = (Array.isArray(value) ? value : value ? [value] : []) as AddressList[];
  for (const obj of lists) if (Array.isArray(obj.value)) visit(obj.value);
  return out;
}

export function messageIds(value: unknown): string[] {
  const all = (Array.isArray(value) ? value : value === undefined ? [] : [value]) as unknown[];
  return all
    .filter((v): v is string => typeof v === 'string')
    .flatMap((v) => v.match(/<[^<>\s]+>/g) ?? (v.trim() ? [v.trim()] : []));
}

export function rawHeaders(lines: Array<{ key: string; line: string }>): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const { key, line } of lines) {
    const value = line
      .slice(line.indexOf(':') + 1)
      .replace(/\r?\n[ \t]+/g, ' ')
      .trim();
    // Appended in place: copying the list on every repeat made 22,000 fields cost seconds.
    const values = map.get(key);
    if (values) values.push(value);
    else map.set(key, [value]);
  }
  return map;
}

/** The value of a structured header (Content-Type and the like): `{ value, params }`. */
export function structuredValue(value: unknown): string | undefined {
  const v: unknown = Array.isArray(value) ? value[0] : value;
  if (!v || typeof v !== 'object' || !('value' in v)) return undefined;
  return typeof v.value === 'string' ? v.value.toLowerCase() : undefined;
}

export function plainValue(value: unknown): string | undefined {
  const v: unknown = Array.isArray(value) ? value[0] : value;
  return typeof v === 'string' && v.trim() ? v.trim() : undefined;
}

/**
 * The envelope sender recorded by the delivering MTA (RFC 5322 §3.6.7). The first Return-Path is
 * the newest. '' for the null reverse-path `<>` that bounces and auto-replies carry (RFC 5321
 * §4.5.5, RFC 3834 §3.3).
 */
export function returnPathOf(values: string[] | undefined): string | undefined {
  const value = values?.[0];
  if (value === undefined) return undefined;
  const inner = /<([^<>]*)>/.exec(value)?.[1] ?? value;
  return inner.trim().toLowerCase();
}

export type HeaderFields = Omit<
  ParsedMail,
  'text' | 'html' | 'attachments' | 'structure' | 'reports'
>;

export function headerFields({ headers, lines }: HeaderSection): HeaderFields {
  const list = (key: string): MailAddress[] => addresses(headers.get(key));
  const date = headers.get('date');
  return {
    messageId: messageIds(headers.get('message-id'))[0],
    inReplyTo: messageIds(headers.get('in-reply-to'))[0],
    references: messageIds(headers.get('references')),
    subject: plainValue(headers.get('subject')) ?? '',
    // The author is who From (or else Sender) names, never Reply-To: anyone may name anyone
    // there, and `From: undisclosed-recipients:;` with the requester's Reply-To counted as the
    // requester (their burst window, their tickets). No author: the pipeline refuses the mail.
    from: list('from')[0] ?? list('sender')[0],
    to: list('to'),
    cc: list('cc'),
    replyTo: list('reply-to'),
    returnPath: returnPathOf(lines.get('return-path')),
    contentType: structuredValue(headers.get('content-type')) ?? 'text/plain',
    date: date instanceof Date && !Number.isNaN(date.getTime()) ? date : undefined,
    headers: lines,
  };
}
