/**
 * A draft's MIME with the files uploaded to it: what Exchange sends once a draft with upload-
 * session attachments is sent. The draft's own content becomes the first part of a
 * multipart/mixed, its other header fields stay on top byte for byte (Message-ID, threading
 * headers, Bcc for delivery to read), and each file follows as an attachment part, built by
 * nodemailer's MIME node so names, boundaries and encodings are right.
 */
import MimeNode from 'nodemailer/lib/mime-node';

import type { Blobs } from '../blobs';
import type { DraftAttachment } from './model';

/** Fields that describe the content: they move into the first part. */
const CONTENT_FIELD = /^content-/i;
const MIME_VERSION = /^mime-version$/i;

/** Splits a header section into whole fields (a field's folded lines stay with it). */
function fieldsOf(head: string): string[] {
  return head.split(/\r?\n(?![ \t])/).filter((f) => f !== '');
}

/** The header section and the body of a message, as latin1 text (bytes kept one to one). */
function split(raw: Buffer): { fields: string[]; body: string } {
  const text = raw.toString('latin1');
  const end = text.search(/\r?\n\r?\n/);
  if (end < 0) return { fields: fieldsOf(text), body: '' };
  return { fields: fieldsOf(text.slice(0, end)), body: text.slice(end).replace(/^\r?\n\r?\n/, '') };
}

const nameOf = (field: string): string => field.slice(0, field.indexOf(':'));

export async function withAttachments(
  raw: Buffer,
  attachments: DraftAttachment[],
  blobs: Blobs,
): Promise<Buffer> {
  if (attachments.length === 0) return raw;
  const draft = split(raw);
  const content = draft.fields.filter((f) => CONTENT_FIELD.test(nameOf(f)));
  const first = content.length ? content : ['Content-Type: text/plain; charset=utf-8'];
  const root = new MimeNode('multipart/mixed');
  root
    .appendChild(new MimeNode())
    .setRaw(Buffer.from(`${first.join('\r\n')}\r\n\r\n${draft.body}`, 'latin1'));
  for (const a of attachments) {
    root.createChild(a.contentType, { filename: a.name }).setContent(blobs.get(a.blob));
  }
  // The node's own top fields but its type are dropped: the draft's stay, byte for byte.
  const built = split(await root.build());
  const top = [
    ...draft.fields.filter((f) => !CONTENT_FIELD.test(nameOf(f)) && !MIME_VERSION.test(nameOf(f))),
    'MIME-Version: 1.0',
    ...built.fields.filter((f) => /^content-type$/i.test(nameOf(f))),
  ];
  return Buffer.from(`${top.join('\r\n')}\r\n\r\n${built.body}`, 'latin1');
}
