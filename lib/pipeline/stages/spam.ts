import type { TenantRecord } from '../../tenants/store';
import type { ParsedMail } from '../../mail/parse';
import { spamVerdict } from '../../mail/spam';
import type { MailMessage } from '../../storage/staging';
import { type Stage, proceed } from '../stage';
import { drop } from './drop';

export interface SpamInput {
  message: MailMessage;
  mail: ParsedMail;
  tenant: TenantRecord;
}

/**
 * Spam by the verdict of the door that brought the mail (mail/spam.ts). Right after classify and
 * before the licence or SharePoint is touched: spam makes no ticket, no contact and no
 * acknowledgement, and is dropped like the other mail that is not a ticket. A mail an agent asked
 * to make a ticket of (`recovery`) is never spam: a person looked at it.
 */
export const spam: Stage<SpamInput> = {
  name: 'spam',
  // Pure: a few header lookups.
  timeoutMs: 5_000,
  async run({ message, mail, tenant }, deps) {
    if (message.recovery) return proceed;
    const verdict = spamVerdict(message, mail.headers, tenant);
    if (!verdict.spam) return proceed;
    return drop(message, deps, 'dropped-spam', `spam/${verdict.door}`);
  },
};
