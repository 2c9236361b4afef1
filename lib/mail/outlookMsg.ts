/**
 * An attached Outlook item (.msg, a compound file: MS-OXMSG) read with @kenjiuno/msgreader: its
 * files, and its body kept as a file of its own (the item is a mail the agent may need to read).
 * An item attached inside it comes back as a .msg again, which unpack.ts may open in turn.
 */
import MsgReader from '@kenjiuno/msgreader';

import { soundCompoundFile } from './compoundFile';
import type { Unpacked, UnpackedFile } from './tnef';

// The signature of a compound file (MS-CFB §2.2).
const CFB = Buffer.from('d0cf11e0a1b11ae1', 'hex');

export function isCompoundFile(data: Buffer): boolean {
  return data.subarray(0, 8).equals(CFB);
}

const clean = (name: string | undefined): string | undefined =>
  name?.replace(/[\0\r\n\t]+/g, ' ').trim() || undefined;

export function readOutlookMsg(data: Buffer, maxFiles: number): Unpacked {
  if (!soundCompoundFile(data)) return { files: [], text: undefined, html: undefined };
  const copy = data.buffer.slice(data.byteOffset, data.byteOffset + data.length) as ArrayBuffer;
  const reader = new MsgReader(copy);
  const fields = reader.getFileData();
  if (fields.error) return { files: [], text: undefined, html: undefined };
  const files: UnpackedFile[] = [];
  const subject = clean(fields.subject) ?? 'message';
  if (fields.bodyHtml) {
    files.push(bodyFile(`${subject}.html`, 'text/html', fields.bodyHtml));
  } else if (fields.body) {
    files.push(bodyFile(`${subject}.txt`, 'text/plain', fields.body));
  }
  for (const attachment of fields.attachments ?? []) {
    if (files.length >= maxFiles) break;
    const { fileName, content } = reader.getAttachment(attachment);
    if (!content?.length) continue;
    files.push({
      name: clean(fileName) ?? clean(attachment.fileNameShort),
      contentType: clean(attachment.attachMimeTag),
      contentId: clean(attachment.pidContentId),
      content: Buffer.from(content.buffer, content.byteOffset, content.length),
    });
  }
  return { files, text: undefined, html: undefined };
}

function bodyFile(name: string, contentType: string, text: string): UnpackedFile {
  return { name, contentType, contentId: undefined, content: Buffer.from(text, 'utf8') };
}
