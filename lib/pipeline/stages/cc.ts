import type { Contact } from '../../sharepoint/helpdesk';
import { ccAddresses } from '../parties';
import { type Stage, need, proceed } from '../stage';

// Contacts are ensured a few at a time: quicker than one by one, gentler on SharePoint's
// throttling budget than all at once.
const PARALLEL = 4;

/**
 * The mail's other recipients, except the tenant's support addresses and the sender, become Cc
 * contacts (docs/mail-rules.md "Requester and Cc"), found by e-mail or created. An auto-reply or bounce
 * adds nobody.
 */
export const cc: Stage = {
  name: 'cc',
  timeoutMs: 60_000,
  async run(ctx) {
    ctx.cc = [];
    if (need(ctx, 'classification').kind !== 'normal') return proceed;
    const support = [...need(ctx, 'tenant').supportAddresses, ctx.message.mailbox];
    const addresses = ccAddresses(need(ctx, 'mail'), support);
    const site = need(ctx, 'site');
    const contacts: Contact[] = [];
    for (let i = 0; i < addresses.length; i += PARALLEL) {
      const batch = addresses.slice(i, i + PARALLEL);
      contacts.push(
        ...(await Promise.all(batch.map((a) => site.ensureContact(a.address, a.name)))),
      );
    }
    ctx.cc = contacts;
    return proceed;
  },
};
