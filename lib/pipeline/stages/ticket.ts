import { errorCode } from '../../errors';
import type {
  Contact,
  ContactBook,
  FileShelf,
  ThreadFinder,
  TicketRef,
  TicketWriter,
} from '../../sharepoint/helpdesk';
import type { Admitted } from '../admit';
import { writeOwn } from '../claim';
import { filesComplete } from '../files';
import type { TicketRoute } from '../route';
import { type PipelineDeps, type Stage, go } from '../stage';
import { drop } from './drop';

export interface TicketInput extends Pick<Admitted, 'message'> {
  site: TicketWriter & ThreadFinder & ContactBook & FileShelf;
  route: TicketRoute;
  requester: Contact;
  cc: readonly Contact[];
}

/** Writes the ticket under the mail's key (claim.ts decides whose key it is). */
function write(input: TicketInput, deps: PipelineDeps, requester: Contact, cc: readonly Contact[]) {
  const { message, site, route } = input;
  const ticket = {
    ...route.draft,
    requesterId: requester.id,
    ccIds: cc.map((c) => c.id),
    mailbox: message.mailbox,
    mailHash: route.identity.mailHash,
  };
  return writeOwn(
    route.identity,
    message,
    deps,
    (mailKey) => site.createTicket({ ...ticket, mailKey }),
    (mailKey) => site.findTicketsByMailKeys([mailKey]),
  );
}

/** The ticket again with its contacts read from SharePoint: a cached one was deleted (contactCache.ts). */
async function writeRefreshed(input: TicketInput, deps: PipelineDeps): Promise<TicketRef> {
  const again = (c: Contact) => input.site.ensureContact(c.email, c.name);
  const requester = await again(input.requester);
  return write(input, deps, requester, await Promise.all(input.cc.map(again)));
}

/**
 * Writes the ticket of a mail that threads nowhere, with its Cc contacts. No lookup comes first
 * (dedupe.ts): the unique MailKey column refuses a second delivery of the same mail, which then
 * gets the first one's ticket (`existed`); a different mail racing for the same Message-ID gets a
 * ticket of its own (claim.ts). A delivery that finds its ticket written stops as a duplicate,
 * unless the delivery that wrote it died before its files: then the files stage finishes them.
 */
export const ticket: Stage<TicketInput, TicketRef> = {
  name: 'ticket',
  timeoutMs: 60_000,
  async run(input, deps) {
    let written: TicketRef;
    try {
      written = await write(input, deps, input.requester, input.cc);
    } catch (err) {
      if (errorCode(err) !== 'contact-gone') throw err;
      written = await writeRefreshed(input, deps);
    }
    if (!written.existed) return go(written);
    const folder = { ticketId: written.id };
    if (!(await filesComplete(input.site.library, folder))) return go(written, 'files-missing');
    return drop(input.message, deps, 'duplicate', 'already-written');
  },
};
