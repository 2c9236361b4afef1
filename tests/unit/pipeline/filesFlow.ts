/** Flows of the stages that deal with a new mail's files, for the attachments tests. */
import { ticketDraft } from '../../../lib/mail/ticketDraft';
import type { Admitted } from '../../../lib/pipeline/admit';
import type { MailIdentity } from '../../../lib/pipeline/claim';
import type { Run } from '../../../lib/pipeline/runner';
import { attachments, filesInput, resumeFiles } from '../../../lib/pipeline/stages/attachments';
import { dedupe } from '../../../lib/pipeline/stages/dedupe';
import { ticket } from '../../../lib/pipeline/stages/ticket';
import type { Contact } from '../../../lib/sharepoint/helpdesk';
import { aTicketRoute } from './stages/support';

export interface Ctx {
  admitted: Admitted;
  requester: Contact;
  /** The ticket written (or found written), once the ticket stage ran. */
  ticket?: { id: string };
}

/** Writes the ticket (under `identity`, else the mail's own) and its files. */
export async function ticketAndFiles(run: Run, ctx: Ctx, identity?: MailIdentity): Promise<string> {
  const { admitted, requester } = ctx;
  const route = aTicketRoute(admitted, identity);
  const written = await run.step(ticket, { ...admitted, route, requester, cc: [] });
  ctx.ticket = { id: written.id };
  const files = filesInput(admitted, { ticketId: written.id }, () => route.draft.body);
  await run.step(attachments, { ...files, existed: written.existed === true });
  return 'ticket-created';
}

/** The stages of a plain new mail that deal with its files: dedupe, resume-files, ticket, attachments. */
export function filesPath(ctx: Ctx) {
  return async (run: Run): Promise<string> => {
    const found = await run.step(dedupe, ctx.admitted);
    if (found.kind === 'resume') {
      const body = () => ticketDraft(ctx.admitted.mail, { reply: false }).body;
      return run.step(resumeFiles, filesInput(ctx.admitted, found.folder, body));
    }
    run.skip(resumeFiles);
    return ticketAndFiles(run, ctx, found.identity);
  };
}
