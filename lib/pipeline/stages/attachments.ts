import { type FilesOutcome, folderOf, storeFiles } from '../files';
import { type MailContext, type PipelineDeps, type Stage, need, proceed } from '../stage';

// Uploads of a 35 MB mail take seconds and 200 small files a few batches; the Functions host ends
// an invocation after 5 minutes (host.json functionTimeout), so the stage gives up before that.
const FILES_TIMEOUT_MS = 240_000;

async function files(ctx: MailContext, deps: PipelineDeps): Promise<FilesOutcome> {
  const outcome = await storeFiles(ctx, need(ctx, 'site').library);
  deps.log.write({
    event: 'mail.files',
    level: outcome.refused.length > 0 ? 'warn' : 'info',
    tenant: ctx.message.tenant,
    mailId: ctx.message.mailId,
    stored: outcome.stored,
    refused: outcome.refused,
    inlineImages: outcome.inlineImages,
  });
  return outcome;
}

/** For dedupe: a mail written earlier has all its files once its original.eml is there. */
export function filesComplete(ctx: MailContext): Promise<boolean> {
  return need(ctx, 'site').library.hasOriginal(folderOf(ctx));
}

/**
 * Attachments, inline images and original.eml of the mail just written (files.ts).
 *
 * Not `afterWrite`: failing open would log the failure and then delete the staged mail, and the
 * attachments with it, for good. A failure retries through the queue instead, with the staged
 * mail kept; the redelivery finds the ticket by its MailKey (dedupe), sees original.eml missing
 * and `resumeFiles` finishes the files. A file SharePoint refuses for good is skipped and logged
 * (original.eml still holds it); only a refused original.eml poisons the mail.
 */
export const attachments: Stage = {
  name: 'attachments',
  timeoutMs: FILES_TIMEOUT_MS,
  async run(ctx, deps) {
    if (!ctx.ticket) return proceed; // nothing was written (a dropped mail)
    // The write found this mail's item, written before without all its files (ticket.ts).
    if (ctx.ticket.existed || ctx.comment?.existed) return resumeFiles.run(ctx, deps);
    await files(ctx, deps);
    return proceed;
  },
};

/**
 * Right after dedupe: a mail whose ticket or comment an earlier delivery wrote, but whose files
 * it did not finish (the host died, Graph throttled too long). Finishes them and stops there.
 */
export const resumeFiles: Stage = {
  name: 'resume-files',
  timeoutMs: FILES_TIMEOUT_MS,
  async run(ctx, deps) {
    if (!ctx.ticket) return proceed; // nothing written yet: a new mail
    await files(ctx, deps);
    await deps.staging.remove(ctx.message);
    return { kind: 'stop', outcome: 'duplicate', code: 'files-resumed' };
  },
};
