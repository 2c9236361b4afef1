/**
 * Builds an outgoing mail as raw MIME with nodemailer's MailComposer (issue 9: threading headers
 * must be in the MIME, Graph's JSON message takes only `X-` headers). The Message-ID is ours,
 * `<uuid@domain of the sender>`, so the mail can be found in Sent Items before a second attempt
 * and a reply to it threads back by headers. Automatic mail (acks, notices) says so the RFC 3834
 * way, and asks Exchange not to answer it with an out-of-office (X-Auto-Response-Suppress).
 */
import MailComposer from 'nodemailer/lib/mail-composer';

import { PipelineBug } from '../errors';
import { replyMessageId } from './messageIds';
import { htmlToText } from './plainText';

export interface OutboundAddress {
  address: string;
  name?: string;
}

export interface OutboundAttachment {
  filename: string;
  content: Buffer;
  contentType?: string;
}

export interface MailSpec {
  from: OutboundAddress;
  to: readonly OutboundAddress[];
  cc?: readonly OutboundAddress[];
  subject: string;
  /** Safe HTML (a rendered template); the plain-text alternative is derived when `text` is not given. */
  html: string;
  text?: string;
  /** Message-IDs with their angle brackets, as ParsedMail and the lists keep them. */
  inReplyTo?: string;
  references?: readonly string[];
  /** An ack or a notice rather than a person's reply. */
  autoSubmitted?: boolean;
  attachments?: readonly OutboundAttachment[];
  /**
   * The Message-ID to send under (`<…>`), when the caller must know it before composing: a mail
   * sent again after a crash keeps the one stored with its claim (messageIds.ts).
   */
  messageId?: string;
}

export interface ComposedMail {
  raw: Buffer;
  messageId: string;
}

// A header value never carries a line break (header injection) or another control character.
const oneLine = (value: string): string =>
  // eslint-disable-next-line no-control-regex
  value.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim();

const mailbox = (a: OutboundAddress) => ({
  address: oneLine(a.address),
  name: oneLine(a.name ?? ''),
});

export async function composeMail(spec: MailSpec): Promise<ComposedMail> {
  // The caller decides who gets the mail; a mail to no one is its mistake, not Exchange's 400.
  if (!spec.to.length) throw new PipelineBug('composeMail: no recipient');
  const messageId = spec.messageId ? oneLine(spec.messageId) : replyMessageId(spec.from.address);
  const composer = new MailComposer({
    from: mailbox(spec.from),
    to: spec.to.map(mailbox),
    cc: spec.cc?.length ? spec.cc.map(mailbox) : undefined,
    subject: oneLine(spec.subject),
    messageId,
    inReplyTo: spec.inReplyTo ? oneLine(spec.inReplyTo) : undefined,
    references: spec.references?.length ? spec.references.map(oneLine) : undefined,
    html: spec.html,
    text: spec.text ?? htmlToText(spec.html),
    headers: spec.autoSubmitted
      ? { 'Auto-Submitted': 'auto-replied', 'X-Auto-Response-Suppress': 'All' }
      : undefined,
    // Content is always given as bytes: the composer must never read a path or fetch a URL.
    attachments: spec.attachments?.map((a) => ({
      filename: oneLine(a.filename),
      content: a.content,
      contentType: a.contentType,
    })),
    disableFileAccess: true,
    disableUrlAccess: true,
  });
  const raw = await composer.compile().build();
  return { raw, messageId };
}
