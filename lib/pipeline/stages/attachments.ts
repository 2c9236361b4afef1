import { type FilesOutcome, type WrittenMail, storeFiles } from '../files';
import type { FolderRef } from '../../sharepoint/library';
import type { Admitted } from '../admit';
import { type PipelineDeps, type Stage, type Stop, proceed } from '../stage';

// Uploads of a 35 MB mail take seconds and 200 small files a few batches; the Functions host ends
// an invocation after 5 minutes (host.json functionTimeout), so the stage gives up before that.
const FILES_TIMEOUT_MS = 240_000;

export type FilesInput = WrittenMail & Pick<Admitted, 'message' | 'site'>;

/** The files of `mail`, written to `folder` with `body`. */
export const filesInput = (mail: Admitted, folder: FolderRef, body: () => string): FilesInput => ({
  ...mail,
  folder,
  body,
  remoteImages: mail.tenant.remoteImages,
});

async function files(input: FilesInput, deps: PipelineDeps): Promise<FilesOutcome> {
  const outcome = await storeFiles(input, input.site.library);
  deps.log.write({
    event: 'mail.files',
    level: outcome.refused.length > 0 ? 'warn' : 'info',
    tenant: input.message.tenant,
    mailId: input.message.mailId,
    stored: outcome.stored,
    refused: outcome.refused,
    inlineImages: outcome.inlineImages,
  });
  return outcome;
}

/**
 * Right after dedupe: a mail whose ticket or comment an earlier delivery wrote, but whose files
 * it did not finish (the host died, Graph throttled too long). Finishes them and stops there.
 */
export const resumeFiles: Stage<FilesInput, never> = {
  name: 'resume-files',
  timeoutMs: FILES_TIMEOUT_MS,
  async run(input, deps): Promise<Stop> {
    await files(input, deps);
    await deps.staging.remove(input.message);
    return { kind: 'stop', outcome: 'duplicate', code: 'files-resumed' };
  },
};

/**
 * Attachments, inline images and original.eml of the mail just written (files.ts).
 *
 * Not fail-open: failing open would log the failure and then delete the staged mail, and the
 * attachments with it, for good. A failure retries through the queue instead, with the staged
 * mail kept; the redelivery finds the ticket by its MailKey (dedupe), sees original.eml missing
 * and `resumeFiles` finishes the files. A file SharePoint refuses for good is skipped and logged
 * (original.eml still holds it); only a refused original.eml poisons the mail.
 */
export const attachments: Stage<FilesInput & { existed: boolean }> = {
  name: 'attachments',
  timeoutMs: FILES_TIMEOUT_MS,
  async run(input, deps) {
    // The write found this mail's item, written before without all its files (ticket.ts).
    if (input.existed) return resumeFiles.run(input, deps);
    await files(input, deps);
    return proceed;
  },
};
