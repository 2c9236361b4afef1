/**
 * Where each of a mail's attachments goes in its folder, and, once uploaded, which URL an inline
 * image's `cid:` reference is rewritten to (files.ts).
 */
import { attachmentName } from '../mail/attachmentName';
import { cidKey } from '../mail/inlineImages';
import type { AttachmentInfo } from '../mail/parse';
import { folderFileNames } from '../sharepoint/fileName';
import type { FolderRef, StoredFile } from '../sharepoint/library';

export interface PlannedFile {
  name: string;
  size: number;
  /** The Content-ID as a cidKey, for inline images. */
  cid: string | undefined;
}

/** Names in the folder for a mail's attachments, in the parser's order. */
export function planFiles(
  attachments: readonly AttachmentInfo[],
  folder: FolderRef,
): PlannedFile[] {
  const names = folderFileNames(attachments.map(attachmentName), {
    ticketFolder: folder.commentId === undefined,
  });
  return attachments.map((a, i) => ({
    name: names[i] ?? 'file',
    size: a.size,
    cid: a.contentId ? cidKey(a.contentId) : undefined,
  }));
}

/** The uploaded file's URL for each Content-ID of the plan, the first file of a Content-ID kept. */
export function urlsByCid(
  plan: readonly PlannedFile[],
  stored: readonly StoredFile[],
): Map<string, string> {
  const urls = new Map<string, string>();
  for (const file of plan) {
    const url = stored.find((s) => s.name.toLowerCase() === file.name.toLowerCase())?.webUrl;
    if (file.cid && url && !urls.has(file.cid)) urls.set(file.cid, url);
  }
  return urls;
}
