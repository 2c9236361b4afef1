/**
 * A reply with its comment's files (issue 9, decision 7). Files go in smallest first until
 * `attachBytes` or `MAX_ATTACHED_FILES` are taken; the rest become links (their webUrl) in a
 * short list under the body. sendMail's request body is the base64 of the MIME, and Graph takes
 * about 4 MB a request (413 above), so `inlineBytes` bounds that base64, not the MIME. Files
 * from 3 MiB up, Outlook's smallest for an upload session, are attached to a draft by upload
 * session (sendLarge); the smaller ones stay in the MIME as far as it fits, chosen by arithmetic
 * (mimeSize.ts) and composed once; the largest of those that do not fit become links too.
 */
import { escapeHtml } from '../mail/html';
import type { AttachmentLibrary, LibraryFile } from '../sharepoint/libraryTypes';
import { UPLOAD_MIN_BYTES } from './attachmentUpload';
import { type ComposedMail, type MailSpec, type OutboundAttachment, composeMail } from './compose';
import * as size from './mimeSize';
import type { OutboxConfig, OutboxMail } from './outboxContext';
import { htmlToText } from './plainText';

/** Files attached to one reply at most (in the MIME and by upload session); the rest are links. */
export const MAX_ATTACHED_FILES = 50;
// Composing again after an estimate that fell short: the largest inline file becomes a link
// each time, and after this many passes all of them do.
const MAX_PASSES = 3;

export interface ComposedReply {
  mail: ComposedMail;
  /** Files for upload sessions on a draft; none when the mail goes in one sendMail. */
  uploads: OutboundAttachment[];
}

export type Compose = (spec: MailSpec) => Promise<ComposedMail>;

interface Inline {
  file: LibraryFile;
  attachment: OutboundAttachment;
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
  compose: Compose = composeMail,
): Promise<ComposedReply> {
  const { inline, uploads, links } = await readFiles(mail.files, library, config.attachBytes);
  const intro = introOf(language);
  const fit = size.fitting(
    estimate(mail, messageId, intro, inline, links),
    costs(inline),
    config.inlineBytes,
  );
  links.unshift(...inline.splice(fit).map((i) => i.file));
  for (let pass = 1; ; pass++) {
    const composed = await compose({
      ...mail.spec,
      html: mail.spec.html + linksHtml(links, intro),
      attachments: inline.map((i) => i.attachment),
      messageId,
    });
    const fits = size.requestBytes(composed.raw.length) <= config.inlineBytes;
    if (fits || !inline.length) return { mail: composed, uploads };
    const moved = pass < MAX_PASSES ? inline.splice(-1) : inline.splice(0);
    links.unshift(...moved.map((i) => i.file));
  }
}

/** The files smallest first: read up to the total and the count, the rest left as links. */
async function readFiles(
  files: readonly LibraryFile[],
  library: AttachmentLibrary,
  attachBytes: number,
) {
  const links: LibraryFile[] = [];
  const inline: Inline[] = [];
  const uploads: OutboundAttachment[] = [];
  let total = 0;
  for (const file of [...files].sort((a, b) => a.size - b.size)) {
    const full = inline.length + uploads.length >= MAX_ATTACHED_FILES;
    if (full || total + file.size > attachBytes) {
      links.push(file);
      continue;
    }
    const content = await library.readFile(file, attachBytes - total);
    total += content.length;
    const attachment = { filename: file.name, content };
    if (content.length >= UPLOAD_MIN_BYTES) uploads.push(attachment);
    else inline.push({ file, attachment });
  }
  return { inline, uploads, links };
}

/** The mail's size with every inline candidate as a link: headers, HTML, text and the links. */
function estimate(
  mail: OutboxMail,
  messageId: string,
  intro: string,
  inline: Inline[],
  links: LibraryFile[],
): number {
  const { spec } = mail;
  const addresses = [spec.from, ...spec.to, ...(spec.cc ?? [])].map(
    (a) => `${a.name ?? ''} ${a.address}`,
  );
  const headers = size.messageHeaderBytes([
    ...addresses,
    spec.subject,
    messageId,
    spec.inReplyTo ?? '',
    ...(spec.references ?? []),
  ]);
  const text = spec.text ?? htmlToText(spec.html);
  const body = size.textPartBytes(spec.html + intro) + size.textPartBytes(text + intro);
  const all = [...links, ...inline.map((i) => i.file)];
  return headers + body + all.reduce((sum, f) => sum + linkBytes(f), 0);
}

const costs = (inline: readonly Inline[]) =>
  inline.map((i) => ({
    part: size.filePartBytes(i.attachment.filename, i.attachment.content.length),
    link: linkBytes(i.file),
  }));

// A link is in the HTML and, as text, in the plain alternative: its HTML twice is more than both.
const linkBytes = (file: LibraryFile): number => 2 * size.encodedTextBytes(linkItem(file));

function linkItem(f: LibraryFile): string {
  const name = escapeHtml(f.name);
  return f.webUrl?.startsWith('https://')
    ? `<li><a href="${escapeHtml(f.webUrl)}">${name}</a></li>`
    : `<li>${name}</li>`;
}

const introOf = (language: string): string =>
  `<p>${escapeHtml(LINKS_INTRO[language.slice(0, 2).toLowerCase()] ?? LINKS_INTRO.en ?? '')}</p>`;

function linksHtml(files: readonly LibraryFile[], intro: string): string {
  if (!files.length) return '';
  const sorted = [...files].sort((a, b) => a.size - b.size);
  return `${intro}<ul>${sorted.map(linkItem).join('')}</ul>`;
}
