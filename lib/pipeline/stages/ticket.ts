import { errorCode } from '../../errors';
import { ticketBody, ticketTitle } from '../../mail/ticketFields';
import type { Contact, HelpdeskSite } from '../../sharepoint/helpdesk';
import { writeOwn } from '../claim';
import { type MailContext, type PipelineDeps, type Stage, need, proceed } from '../stage';
import { filesComplete } from './attachments';
import { drop } from './drop';

/** Writes the ticket under the mail's key (claim.ts decides whose key it is). */
function write(ctx: MailContext, deps: PipelineDeps, site: HelpdeskSite) {
  const mail = need(ctx, 'mail');
  const ticket = {
    title: ticketTitle(mail.subject),
    body: ticketBody(mail, { remoteImages: ctx.tenant?.remoteImages }),
    requesterId: need(ctx, 'requester').id,
    ccIds: (ctx.cc ?? []).map((c) => c.id),
    mailbox: ctx.message.mailbox,
    mailHash: need(ctx, 'mailHash'),
  };
  return writeOwn(
    ctx,
    deps,
    (mailKey) => site.createTicket({ ...ticket, mailKey }),
    (mailKey) => site.findTicketsByMailKeys([mailKey]),
  );
}

/** The contacts again, from SharePoint: a cached one was deleted (contactCache.ts). */
async function refreshContacts(ctx: MailContext, site: HelpdeskSite): Promise<void> {
  const again = (c: Contact) => site.ensureContact(c.email, c.name);
  ctx.requester = await again(need(ctx, 'requester'));
  ctx.cc = await Promise.all((ctx.cc ?? []).map(again));
}

/**
 * Writes the ticket of a mail that threads nowhere, with its Cc contacts. No lookup comes first
 * (dedupe.ts): the unique MailKey column refuses a second delivery of the same mail, which then
 * gets the first one's ticket (`existed`); a different mail racing for the same Message-ID gets a
 * ticket of its own (claim.ts). A delivery that finds its ticket written stops as a duplicate,
 * unless the delivery that wrote it died before its files: then the files stage finishes them.
 */
export const ticket: Stage = {
  name: 'ticket',
  timeoutMs: 60_000,
  async run(ctx, deps) {
    if (ctx.thread) return proceed; // a comment: the comment stage writes it
    const site = need(ctx, 'site');
    try {
      ctx.ticket = await write(ctx, deps, site);
    } catch (err) {
      if (errorCode(err) !== 'contact-gone') throw err;
      await refreshContacts(ctx, site);
      ctx.ticket = await write(ctx, deps, site);
    }
    if (!ctx.ticket.existed) return proceed;
    if (!(await filesComplete(ctx))) return { kind: 'continue', code: 'files-missing' };
    return drop(ctx, deps, 'duplicate', 'already-written');
  },
};
