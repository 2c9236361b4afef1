import type { Contact, ContactBook } from '../../sharepoint/helpdesk';
import type { Admitted } from '../admit';
import { ccAddresses } from '../parties';
import { type Stage, go } from '../stage';

// Contacts are ensured a few at a time: quicker than one by one, gentler on SharePoint's
// throttling budget than all at once.
const PARALLEL = 4;

/**
 * The mail's other recipients, except the tenant's support addresses and the sender, become Cc
 * contacts (docs/mail-rules.md "Requester and Cc"), found by e-mail or created. An auto-reply or bounce
 * adds nobody.
 */
export const cc: Stage<
  Pick<Admitted, 'message' | 'mail' | 'tenant' | 'classification'> & { site: ContactBook },
  Contact[]
> = {
  name: 'cc',
  timeoutMs: 60_000,
  async run({ message, mail, tenant, classification, site }) {
    if (classification.kind !== 'normal') return go([]);
    const support = [...tenant.supportAddresses, message.mailbox];
    const addresses = ccAddresses(mail, support);
    const contacts: Contact[] = [];
    for (let i = 0; i < addresses.length; i += PARALLEL) {
      const batch = addresses.slice(i, i + PARALLEL);
      contacts.push(
        ...(await Promise.all(batch.map((a) => site.ensureContact(a.address, a.name)))),
      );
    }
    return go(contacts);
  },
};
