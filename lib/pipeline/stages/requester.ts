import type { Contact, ContactBook } from '../../sharepoint/helpdesk';
import type { Admitted } from '../admit';
import { type Stage, go } from '../stage';

export type RequesterInput = Pick<Admitted, 'mail' | 'classification'> & {
  site: ContactBook;
  /** The sender's contact when threading already found it: not looked up again. */
  known: Contact | undefined;
};

const timeoutMs = 30_000;

/**
 * The From address is the requester of a new ticket: found by e-mail (case-insensitive) or
 * created. Only a normal mail opens a ticket (thread.ts), so there is always one.
 */
export const requester: Stage<RequesterInput, Contact> = {
  name: 'requester',
  timeoutMs,
  async run({ mail, site, known }) {
    return go(known ?? (await site.ensureContact(mail.from.address, mail.from.name)));
  },
};

/**
 * On a reply, the From address is the comment's sender, found or created the same way. An
 * auto-reply or bounce creates no contact: a mailer daemon or an out-of-office robot is nobody
 * agents answer, so it has a sender only when the address is a contact already.
 */
export const commentSender: Stage<RequesterInput, Contact | undefined> = {
  name: 'requester',
  timeoutMs,
  async run(input, deps) {
    const { mail, site, known, classification } = input;
    if (known || classification.kind === 'normal') return requester.run(input, deps);
    return go(await site.findContact(mail.from.address));
  },
};
