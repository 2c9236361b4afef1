import { errorCode } from '../../errors';
import { ackDecision, recentlyAckedIn } from '../../outbound/ack';
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

export interface TicketInput extends Pick<
  Admitted,
  'message' | 'mail' | 'tenant' | 'classification'
> {
  site: TicketWriter & ThreadFinder & ContactBook & FileShelf;
  route: TicketRoute;
  requester: Contact;
  cc: readonly Contact[];
}

/**
 * `To send` when the requester is to get an ack (outbound/ack.ts); the outbox timer sends it.
 * Never for a mail an agent recovered from the Mail Log: it was judged automatic or unwanted
 * once, its sender is likely a machine, and the agent who chose it can answer in person.
 */
async function ackStatus(input: TicketInput, deps: PipelineDeps): Promise<'To send' | undefined> {
  if (!deps.acks || input.message.recovery) return undefined;
  const { message, mail, tenant, classification, route } = input;
  const now = deps.now?.() ?? new Date();
  const acked = recentlyAckedIn(deps.acks, tenant.id, route.identity.mailKey, now);
  const own = [...tenant.supportAddresses, message.mailbox];
  const decision = await ackDecision(mail, classification, own, acked);
  return decision.send ? 'To send' : undefined;
}

/** What this mail's ticket is written with beside its draft. */
interface Fields {
  requester: Contact;
  cc: readonly Contact[];
  mailStatus: 'To send' | undefined;
}

/** Writes the ticket under the mail's key (claim.ts decides whose key it is). */
function write(input: TicketInput, deps: PipelineDeps, fields: Fields) {
  const { message, mail, site, route } = input;
  const ticket = {
    ...route.draft,
    requesterId: fields.requester.id,
    ccIds: fields.cc.map((c) => c.id),
    mailbox: message.mailbox,
    mailHash: route.identity.mailHash,
    messageId: mail.messageId,
    mailStatus: fields.mailStatus,
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
async function writeRefreshed(
  input: TicketInput,
  deps: PipelineDeps,
  mailStatus: Fields['mailStatus'],
): Promise<TicketRef> {
  const again = (c: Contact) => input.site.ensureContact(c.email, c.name);
  const requester = await again(input.requester);
  const cc = await Promise.all(input.cc.map(again));
  return write(input, deps, { requester, cc, mailStatus });
}

/**
 * Writes the ticket of a mail that threads nowhere, with its Cc contacts. No lookup comes first
 * (dedupe.ts): the unique MailKey column refuses a second delivery of the same mail, which then
 * gets the first one's ticket (`existed`); a different mail racing for the same Message-ID gets a
 * ticket of its own (claim.ts). A delivery that finds its ticket written stops as a duplicate,
 * unless the delivery that wrote it died before its files: then the files stage finishes them.
 * The ack is only asked for here (MailStatus `To send`); a repeated delivery gets the same answer
 * from the acks memory, which holds the mail's key.
 */
export const ticket: Stage<TicketInput, TicketRef> = {
  name: 'ticket',
  timeoutMs: 60_000,
  async run(input, deps) {
    const mailStatus = await ackStatus(input, deps);
    let written: TicketRef;
    try {
      written = await write(input, deps, { ...input, mailStatus });
    } catch (err) {
      if (errorCode(err) !== 'contact-gone') throw err;
      written = await writeRefreshed(input, deps, mailStatus);
    }
    if (!written.existed) return go(written);
    const folder = { ticketId: written.id };
    if (!(await filesComplete(input.site.library, folder))) return go(written, 'files-missing');
    return drop(input.message, deps, 'duplicate', 'already-written');
  },
};
