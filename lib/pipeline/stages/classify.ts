import type { TenantRecord } from '../../tenants/store';
import { type Classification, classify as classifyMail } from '../../mail/classify';
import type { ParsedMail } from '../../mail/parse';
import type { MailMessage } from '../../storage/staging';
import { type Stage, go } from '../stage';
import { drop } from './drop';

/** What an agent's `Make ticket` makes of any mail: a normal one, so it opens a ticket. */
const RECOVERED: Classification = { kind: 'normal', reason: 'recovered' };

export interface ClassifyInput {
  message: MailMessage;
  mail: ParsedMail;
  tenant: TenantRecord;
}

/**
 * What kind of mail this is (docs/mail-rules.md "Not tickets"). Loops (mail from the tenant's
 * own support addresses) and abuse reports are dropped here, before the licence or SharePoint is
 * touched. Auto-replies and bounces go on: threading decides whether they become an internal
 * comment or are dropped. A mail an agent recovered from the Mail Log (`message.recovery`) is
 * normal mail whatever it looks like: the agent judged it, so no verdict here drops it later.
 */
export const classify: Stage<ClassifyInput, Classification> = {
  name: 'classify',
  // Pure and bounded: the parse stage already capped the text it reads.
  timeoutMs: 5_000,
  async run({ message, mail, tenant }, deps) {
    const own = [...tenant.supportAddresses, message.mailbox];
    const found = classifyMail(mail, { ownAddresses: own });
    const code = `${found.kind}/${found.reason}`;
    if (message.recovery) return go(RECOVERED, `recovered/${code}`);
    if (found.kind === 'loop' || found.kind === 'abuse-report') {
      return drop(message, deps, `dropped-${found.kind}`, code);
    }
    return found.kind === 'normal' ? go(found) : go(found, code);
  },
};
