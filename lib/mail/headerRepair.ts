/**
 * Repairs a mail's header section before its fields are read, for the broken headers seen in
 * real mail (Zammad's corpus has each): raw 8-bit bytes, Shift_JIS labelled ISO-2022-JP, and
 * mailboxes with an empty or space-filled address (`"ACME, LTD" <>, "X" <x@y>`), which the address
 * parser would otherwise merge into the next mailbox or guess from. Returns undefined when nothing
 * needed repair, so the common mail is read exactly as mailparser read it.
 */
import { isUtf8 } from 'node:buffer';

import { decodeRawHeader, hasEightBit, relabelShiftJisWords } from './charset';
import { sniffCharset } from './charsetSniff';
import { relabelUtf8Words } from './encodedWords';

const ADDRESS_FIELD = /^(from|to|cc|bcc|reply-to|sender):/i;
// RFC 5322 §3.4: an angle-addr holds an addr-spec; empty or with unquoted spaces it is none.
// An unquoted display name is tried only where a run of its characters starts: tried from every
// position in the run, a From of 100,000 letters took 30 s.
const NO_ADDRESS =
  /(?:"[^"]*"|(?<![^,"<>:;])[^,"<>:;]*)\s*<\s*(?:[^<>\s]+(?:\s+[^<>\s]+)+)?\s*>\s*(,|;|$)/g;

function unfold(section: string): string[] {
  return section.split(/\r?\n(?![ \t])/);
}

// The old bounce form `MAILER-DAEMON (Mail Delivery System)`: an unqualified local part and a
// comment (RFC 5322 §3.4 obs-); the comment is the display name.
const LOCAL_WITH_COMMENT = /^\s*([^\s@<>"(),;:]+)\s*\(([^()"]*)\)\s*$/;

function repairField(field: string): string {
  if (!ADDRESS_FIELD.test(field)) return field;
  const colon = field.indexOf(':');
  const bare = LOCAL_WITH_COMMENT.exec(field.slice(colon + 1));
  if (bare) return `${field.slice(0, colon + 1)} "${bare[2]}" <${bare[1]}>`;
  const value = field
    .slice(colon + 1)
    .replace(NO_ADDRESS, (_m, sep: string) => (sep === ';' ? ';' : ''));
  return `${field.slice(0, colon + 1)} ${value.trim().replace(/,\s*$/, '')}`;
}

/**
 * The charset of raw 8-bit header bytes where the mail's hint is a Latin default or missing:
 * judged on the fields that carry such bytes (a Chinese subject under an iso-8859-1 body).
 */
function sniffHeader(head: Buffer, hint: string | undefined): string | undefined {
  const lines = head.toString('latin1').split(/\r?\n/);
  const raw = lines.filter((line) => /[\x80-\xff]/.test(line)).join('\n');
  return sniffCharset(Buffer.from(raw, 'latin1'), hint, false);
}

export function repairHeaderSection(head: Buffer, hint: string | undefined): Buffer | undefined {
  const broken8bit = hasEightBit(head) && !isUtf8(head);
  const text = broken8bit
    ? decodeRawHeader(head, sniffHeader(head, hint) ?? hint)
    : head.toString(isUtf8(head) ? 'utf8' : 'latin1');
  const relabelled = relabelUtf8Words(relabelShiftJisWords(text));
  const repaired = unfold(relabelled).map(repairField).join('\r\n');
  const same = repaired.replace(/\s+/g, ' ') === text.replace(/\s+/g, ' ');
  if (!broken8bit && same) return undefined;
  return Buffer.from(repaired.replace(/(\r?\n)*$/, '\r\n\r\n'), 'utf8');
}
