/**
 * The bytes structure.ts keeps of some parts, each kind with a cap: report parts for
 * classification, the head of attached mails to name them, and inline text parts declared (or
 * defaulting to) UTF-8, kept only when their bytes turn out not to be UTF-8.
 */
import { isUtf8 } from 'node:buffer';

import type { MimeNode } from '@zone-eu/mailsplit';

import type { RawText } from './charset';

/** A machine-readable report part: DSN (RFC 3464), ARF (RFC 5965), MDN (RFC 8098). */
export interface ReportPart {
  contentType: string;
  /** Decoded text, at most 64 KiB. */
  text: string;
}

/** A text part whose bytes are not the UTF-8 it declares: transfer-decoded bytes, capped. */
export type RawTextPart = RawText;

export interface Captured {
  reports: ReportPart[];
  /** Header section of each attached (not inlined) message/rfc822 part, by part id. */
  embeddedHeads: Map<string, Buffer>;
  textParts: RawTextPart[];
}

type KindName = 'report' | 'embedded' | 'text';
export interface Kind {
  name: KindName;
  /** Raw (transfer-encoded) bytes kept; base64 needs 4/3 of the decoded size. */
  cap: number;
}

export interface Capture {
  node: MimeNode;
  kind: Kind;
  chunks: Buffer[];
  size: number;
}

const REPORT_TYPES = new Set([
  'message/delivery-status',
  'message/global-delivery-status',
  'message/feedback-report',
  'message/disposition-notification',
]);
// A DSN lists one block per recipient; 64 KiB holds several hundred. Beyond it the rest is
// ignored, which loses recipients, never the verdict. At most 8 report parts are kept.
const REPORT: Kind = { name: 'report', cap: Math.ceil((64 * 1024 * 4) / 3) };
const MAX_REPORTS = 8;
// An attached mail is named after its subject; its header section is read up to 16 KiB.
const EMBEDDED: Kind = { name: 'embedded', cap: Math.ceil((16 * 1024 * 4) / 3) };
// 2 MiB of a text part is kept for the charset repair, though mailparser is handed only the first
// 512 KiB of it (textCap.ts); 4 text parts at most.
const TEXT: Kind = { name: 'text', cap: Math.ceil((2 * 1024 * 1024 * 4) / 3) };
const MAX_TEXT_PARTS = 4;

export function partId(node: MimeNode): string {
  return (node.partNr || []).filter((n) => typeof n === 'number').join('.');
}

export function captureKind(node: MimeNode, type: string, out: Captured): Kind | undefined {
  if (REPORT_TYPES.has(type)) return out.reports.length < MAX_REPORTS ? REPORT : undefined;
  if (type === 'message/rfc822') return node.messageNode ? undefined : EMBEDDED;
  const utf8 = !node.charset || /^(utf-?8|us-ascii|ascii)$/i.test(node.charset);
  const inline = node.disposition !== 'attachment';
  if ((type === 'text/plain' || type === 'text/html') && utf8 && inline) {
    return out.textParts.length < MAX_TEXT_PARTS ? TEXT : undefined;
  }
  return undefined;
}

/** A part's body without its transfer encoding (base64, quoted-printable; else as it is). */
export function decodeBody(raw: Buffer, encoding: string | false): Buffer {
  if (encoding === 'base64') return Buffer.from(raw.toString('latin1'), 'base64');
  if (encoding !== 'quoted-printable') return raw;
  // RFC 2045 §6.7: trailing whitespace is dropped, soft line breaks vanish, =XX is one byte.
  const text = raw
    .toString('latin1')
    .replace(/[ \t]+(?=\r?\n|$)/g, '')
    .replace(/=\r?\n/g, '');
  const bytes = text.replace(/=([0-9A-Fa-f]{2})/g, (_m, hex: string) =>
    String.fromCharCode(parseInt(hex, 16)),
  );
  return Buffer.from(bytes, 'latin1');
}

export function finish(capture: Capture, out: Captured): void {
  const body = decodeBody(Buffer.concat(capture.chunks), capture.node.encoding);
  const contentType = capture.node.contentType || 'text/plain';
  if (capture.kind.name === 'report') {
    out.reports.push({ contentType, text: body.subarray(0, 64 * 1024).toString('utf8') });
  } else if (capture.kind.name === 'embedded') {
    const end = body.indexOf('\n\r\n') + 1 || body.indexOf('\n\n') + 1 || body.length;
    out.embeddedHeads.set(partId(capture.node), body.subarray(0, end));
  } else if (!isUtf8(body)) {
    const { flowed, delSp } = capture.node;
    out.textParts.push({ contentType, bytes: body, flowed, delSp });
  }
}
