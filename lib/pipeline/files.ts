/**
 * A mail's files in the `Ticket Attachments` library, once its ticket (or comment) is written:
 * every attachment and inline image, then `original.eml`, the whole mail as received. The folder
 * is only known after the write, so the attachments are read in a second streaming parse of the
 * staged bytes, each piped to its upload as the parser decodes it (never all of them in memory).
 * Names come from the first parse, which repaired them, in the same order.
 *
 * original.eml is kept for tickets as for comments: the sanitiser, the reply cut and TNEF or
 * S/MIME parts can all lose something an agent needs, and the original cannot. Written last, it
 * also marks the folder complete, so a redelivered mail knows whether its files still need work.
 */
import type { Readable } from 'node:stream';

import { PermanentError } from '../errors';
import type { RemoteImages } from '../mail/html';
import { referencedCids, rewriteCidImages } from '../mail/inlineImages';
import { type ParsedMail, parseMail } from '../mail/parse';
import { ORIGINAL_MAIL } from '../sharepoint/fileName';
import type { AttachmentLibrary, BodyRef, FolderRef, UploadReport } from '../sharepoint/library';
import { MAX_RICH_TEXT as MAX_BODY } from '../sharepoint/schema';
import { type PlannedFile, planFiles, urlsByCid } from './filePlan';

/** What was written for a mail, and what its files are made of. */
export interface WrittenMail {
  raw: Buffer;
  mail: ParsedMail;
  /** The comment's folder, or else the ticket's. */
  folder: FolderRef;
  /** The body the item was written with; asked for only when an inline image needs its URL. */
  body: () => string;
  remoteImages: RemoteImages | undefined;
}

export interface FilesOutcome {
  stored: number;
  /** Codes of files SharePoint refused for good (still inside original.eml). */
  refused: string[];
  /** Whether `cid:` references in the body now point at the uploaded images. */
  inlineImages: boolean;
}

/** A mail written earlier has all its files once its original.eml is there. */
export function filesComplete(library: AttachmentLibrary, folder: FolderRef): Promise<boolean> {
  return library.hasOriginal(folder);
}

/** The item whose Body holds the mail's HTML: the comment, or else the ticket. */
const bodyItem = ({ ticketId, commentId }: FolderRef): BodyRef =>
  commentId === undefined ? { list: 'tickets', id: ticketId } : { list: 'comments', id: commentId };

/** Streams the attachments into `add`; an upload failure stops uploading, not the parse. */
async function streamAttachments(
  raw: Buffer,
  plan: readonly PlannedFile[],
  add: (file: PlannedFile, content: Readable) => Promise<void>,
): Promise<void> {
  let index = 0;
  let failure: { error: unknown } | undefined;
  await parseMail(raw, {
    onAttachment: async ({ content }) => {
      const file = plan[index++];
      if (!file || failure) return; // the parser drains what is not read
      try {
        await add(file, content);
      } catch (error) {
        failure = { error };
      }
    },
  });
  if (failure) throw failure.error;
  if (index !== plan.length) {
    throw new PermanentError('attachments-changed', 'the second parse found other attachments');
  }
}

const merge = (a: UploadReport, b: UploadReport): UploadReport => ({
  stored: [...a.stored, ...b.stored],
  refused: [...a.refused, ...b.refused],
});

export async function storeFiles(
  written: WrittenMail,
  library: AttachmentLibrary,
): Promise<FilesOutcome> {
  const { raw, mail, folder } = written;
  const plan = planFiles(mail.attachments, folder);
  const upload = library.upload(folder);
  // Most mail has no attachments: then there is nothing to stream, and no second parse.
  if (plan.length > 0) {
    await streamAttachments(raw, plan, (file, content) =>
      upload.add({ name: file.name, size: file.size, content }),
    );
  }
  const original = { name: ORIGINAL_MAIL, size: raw.length, content: raw };
  const wanted = referencedCids(mail.html);
  let report: UploadReport;
  let inlineImages = false;
  if (!plan.some((f) => f.cid && wanted.has(f.cid))) {
    // original.eml joins the last group: files and marker in one round trip for a small mail.
    await upload.add(original);
    report = await upload.finish();
  } else {
    // The body is rewritten before original.eml marks the folder complete, so a host dying in
    // between leaves work a redelivery still does.
    report = await upload.finish();
    // Rewritten from the body as written rather than read back, so SharePoint's own clean-up of
    // stored rich text cannot hide a reference, and without a request to read it.
    const urls = urlsByCid(plan, report.stored);
    const rewritten = rewriteCidImages(written.body(), urls, written.remoteImages);
    // URLs are longer than cid: references: a body that would no longer fit keeps its references
    // rather than be cut (the images are in the folder either way).
    if (rewritten !== undefined && rewritten.length <= MAX_BODY) {
      await library.updateBody(bodyItem(folder), rewritten);
      inlineImages = true;
    }
    const last = library.upload(folder);
    await last.add(original);
    report = merge(report, await last.finish());
  }
  if (!report.stored.some((f) => f.name.toLowerCase() === ORIGINAL_MAIL)) {
    throw new PermanentError('original-refused', 'SharePoint refused the original mail');
  }
  return { stored: report.stored.length, refused: report.refused, inlineImages };
}
