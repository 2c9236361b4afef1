/**
 * The two bodies Graph takes for a message to send or a draft: the whole RFC 5322 message as
 * base64 (`Content-Type: text/plain`), or JSON `{ message, saveToSentItems }`. Both end as raw
 * MIME: JSON is composed with nodemailer's MIME composer, as the service composes its own, so
 * what a test reads back is a real message either way. Messages of the JSON rules are Graph's.
 */
import { randomUUID } from 'node:crypto';

import MailComposer from 'nodemailer/lib/mail-composer';

import type { GraphContext } from '../context';
import { GraphError } from '../errors';
import { header, jsonBody } from '../http';
import type { MailboxState } from './model';

export interface MessageInput {
  raw: Buffer;
  saveToSentItems: boolean;
}

/** Graph documents at most 5 custom headers, each named `X-…`. */
const MAX_CUSTOM_HEADERS = 5;

// The alphabet, then at most two pads at the end; the length (a multiple of 4) is checked apart.
// A pattern that repeats 4-character groups keeps a backtrack entry per group and overflows
// V8's regexp stack near 4 MB, the size of the largest sendMail body.
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

const invalid = (code: string, message: string): GraphError => new GraphError(400, code, message);

export function mimeInput(body: Buffer): Buffer {
  // Line breaks inside base64 are usual (76-character lines); anything else is not base64.
  const text = body.toString('latin1').replace(/[\r\n]/g, '');
  if (text === '' || text.length % 4 !== 0 || !BASE64.test(text))
    throw invalid('ErrorMimeContentInvalidBase64String', 'Invalid base64 string for MIME content.');
  return Buffer.from(text, 'base64');
}

interface Recipient {
  emailAddress: { address: string; name?: string };
}

function recipients(value: unknown, field: string): { address: string; name: string }[] {
  if (value === undefined || value === null) return [];
  const ok = (r: unknown): r is Recipient =>
    typeof (r as Recipient | null)?.emailAddress?.address === 'string';
  if (!Array.isArray(value) || !value.every(ok))
    throw invalid('ErrorInvalidRecipients', `${field} must be a list of recipients.`);
  return value.map((r) => ({ address: r.emailAddress.address, name: r.emailAddress.name ?? '' }));
}

function customHeaders(value: unknown): Record<string, string> {
  if (value === undefined || value === null) return {};
  if (!Array.isArray(value))
    throw invalid('RequestBodyRead', 'internetMessageHeaders must be a list.');
  if (value.length > MAX_CUSTOM_HEADERS)
    throw invalid(
      'InvalidInternetMessageHeaderCollection',
      'Maximum number of headers in one message should be less than or equal to 5.',
    );
  const headers: Record<string, string> = {};
  for (const h of value as { name?: unknown; value?: unknown }[]) {
    const name = typeof h?.name === 'string' ? h.name : '';
    if (!/^x-[!-9;-~]+$/i.test(name) || typeof h.value !== 'string')
      throw invalid(
        'InvalidInternetMessageHeader',
        `The internet message header name '${name}' should start with 'x-' or 'X-'.`,
      );
    headers[name] = h.value;
  }
  return headers;
}

export async function composeJson(
  box: MailboxState,
  message: Record<string, unknown>,
): Promise<Buffer> {
  const to = recipients(message.toRecipients, 'toRecipients');
  const cc = recipients(message.ccRecipients, 'ccRecipients');
  const bcc = recipients(message.bccRecipients, 'bccRecipients');
  const body = (message.body ?? {}) as { contentType?: unknown; content?: unknown };
  const content = typeof body.content === 'string' ? body.content : '';
  const html = String(body.contentType ?? 'text').toLowerCase() === 'html';
  const node = new MailComposer({
    from: { name: box.displayName, address: box.address },
    to,
    cc,
    bcc,
    subject: typeof message.subject === 'string' ? message.subject : '',
    ...(html ? { html: content } : { text: content }),
    headers: customHeaders(message.internetMessageHeaders),
    // Exchange makes the Message-ID of a message sent from JSON.
    messageId: `<${randomUUID()}@graph-sim.local>`,
  }).compile();
  // Kept until delivery, which reads the Bcc recipients and then removes the field.
  node.keepBcc = true;
  return await node.build();
}

/** The message a sendMail or create-draft request carries, as raw MIME. */
export async function messageInput(ctx: GraphContext, box: MailboxState): Promise<MessageInput> {
  if (/^text\/plain\b/i.test(header(ctx.req, 'content-type') ?? ''))
    return { raw: mimeInput(ctx.req.body), saveToSentItems: true };
  const body = jsonBody(ctx.req);
  const message = body.message ?? body.Message;
  if (message === null || typeof message !== 'object' || Array.isArray(message))
    throw invalid('ErrorInvalidParameter', "The value of the parameter 'Message' is empty.");
  const save = body.saveToSentItems ?? body.SaveToSentItems ?? true;
  if (typeof save !== 'boolean')
    throw invalid('RequestBodyRead', 'saveToSentItems must be a boolean.');
  return {
    raw: await composeJson(box, message as Record<string, unknown>),
    saveToSentItems: save,
  };
}
