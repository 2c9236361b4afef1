/**
 * A reply with its comment's files (issue 9, decision 7). Files go in smallest first until
 * `attachBytes` are taken; the rest become links (their webUrl) in a short list under the body.
 * One Graph request carries at most about 4 MB, and sendMail's body is the base64 of the MIME,
 * so a MIME above `inlineBytes` (3 MiB) cannot go in one: then files from 3 MiB up, Outlook's
 * smallest for an upload session, are attached to a draft by upload session (sendLarge), and
 * the smaller ones stay in the MIME as long as it fits; the largest of those that do not fit
 * become links too.
 */
import { escapeHtml } from '../mail/html';
import type { AttachmentLibrary, LibraryFile } from '../sharepoint/libraryTypes';
import { UPLOAD_MIN_BYTES } from './attachmentUpload';
import { type ComposedMail, type OutboundAttachment, composeMail } from './compose';
import type { OutboxConfig, OutboxMail } from './outboxContext';

export interface ComposedReply {
  mail: ComposedMail;
  /** Files for upload sessions on a draft; none when the mail goes in one sendMail. */
  uploads: OutboundAttachment[];
}

const LINKS_INTRO: Readonly<Record<string, string>> = {
  en: 'Files too large to attach:',
  de: 'Dateien, die zu groß zum Anhängen sind:',
};

export async function composeWithFiles(
  mail: OutboxMail,
  messageId: string,
  library: AttachmentLibrary,
  config: Pick<OutboxConfig, 'inlineBytes' | 'attachBytes'>,
  language: string,
): Promise<ComposedReply> {
  const links: LibraryFile[] = [];
  const inline: { file: LibraryFile; attachment: OutboundAttachment }[] = [];
  const uploads: OutboundAttachment[] = [];
  let total = 0;
  for (const file of [...mail.files].sort((a, b) => a.size - b.size)) {
    if (total + file.size > config.attachBytes) {
      links.push(file);
      continue;
    }
    const content = await library.readFile(file, config.attachBytes - total);
    total += content.length;
    const attachment = { filename: file.name, content };
    if (content.length >= UPLOAD_MIN_BYTES) uploads.push(attachment);
    else inline.push({ file, attachment });
  }
  for (;;) {
    const composed = await composeMail({
      ...mail.spec,
      html: mail.spec.html + linksHtml(links, language),
      attachments: inline.map((i) => i.attachment),
      messageId,
    });
    const last = inline.at(-1);
    if (composed.raw.length <= config.inlineBytes || !last) return { mail: composed, uploads };
    inline.pop();
    links.unshift(last.file);
  }
}

function linksHtml(files: readonly LibraryFile[], language: string): string {
  if (!files.length) return '';
  const items = files.map((f) => {
    const name = escapeHtml(f.name);
    return f.webUrl?.startsWith('https://')
      ? `<li><a href="${escapeHtml(f.webUrl)}">${name}</a></li>`
      : `<li>${name}</li>`;
  });
  const intro = LINKS_INTRO[language.slice(0, 2).toLowerCase()] ?? LINKS_INTRO.en;
  return `<p>${escapeHtml(intro ?? '')}</p><ul>${items.join('')}</ul>`;
}
