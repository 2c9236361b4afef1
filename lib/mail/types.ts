/** The project's own view of a parsed mail (parse.ts fills it; nothing else sees mailparser). */
import type { Readable } from 'node:stream';

import type { MailLimits } from './limits';
import type { MailStructure, ReportPart } from './structure';

export interface MailAddress {
  /** Lower-cased e-mail address. */
  address: string;
  name: string;
}

export interface AttachmentInfo {
  filename: string | undefined;
  /** Effective type: the declared one, or guessed from the name when declared octet-stream. */
  contentType: string;
  /** Content-Type exactly as declared (lower-cased), undefined when the part declares none. */
  declaredContentType: string | undefined;
  contentId: string | undefined;
  /** Content-Description (RFC 2045 §8) and Content-Location (RFC 2557), used to name files. */
  description: string | undefined;
  location: string | undefined;
  /** IMAP-style part number ("2.1"); a file unpacked from winmail.dat or a .msg: "2/1". */
  partId: string | undefined;
  /** True for parts of a multipart/related body (inline images). */
  related: boolean;
  size: number;
  checksum: string;
  /** Subject of an attached mail (message/rfc822), to name it. */
  embeddedSubject?: string | undefined;
}

export interface AttachmentStream {
  info: Omit<AttachmentInfo, 'size' | 'checksum' | 'embeddedSubject'>;
  content: Readable;
}

export interface ParsedMail {
  messageId: string | undefined;
  inReplyTo: string | undefined;
  references: string[];
  subject: string;
  /**
   * The author: From's first address; when From carries no usable address, Sender's (RFC 5322
   * §3.6.2). Never Reply-To's: whoever writes the mail may put anyone there.
   */
  from: MailAddress | undefined;
  to: MailAddress[];
  cc: MailAddress[];
  replyTo: MailAddress[];
  /** Return-Path as the delivering MTA recorded it; '' is the null path `<>` (RFC 5321 §4.5.5). */
  returnPath: string | undefined;
  /** Root Content-Type, lower-cased ('text/plain' when undeclared, RFC 2045 §5.2). */
  contentType: string;
  date: Date | undefined;
  text: string | undefined;
  html: string | undefined;
  /** Inline text was cut as it was read (textCap.ts): the body is longer than text or html. */
  bodyTruncated?: boolean;
  /** Raw header values by lower-cased name, for classification (Auto-Submitted, Precedence, ...). */
  headers: ReadonlyMap<string, string[]>;
  attachments: AttachmentInfo[];
  structure: MailStructure;
  /** Machine-readable report parts (DSN, ARF, MDN); they also arrive as attachments. */
  reports: ReportPart[];
}

export interface ParseOptions {
  /** Consumes one attachment's bytes; the default drains them (size and checksum are still taken). */
  onAttachment?: (attachment: AttachmentStream) => Promise<void>;
  /** Overrides of DEFAULT_LIMITS (validated: positive integers). */
  limits?: Partial<MailLimits>;
}
