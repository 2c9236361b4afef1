import type { Admitted } from '../admit';
import { BURST_LOGGED } from '../mailLog';
import { type Stage, proceed } from '../stage';
import { drop } from './drop';

/**
 * More mails than the limit from one sender to one tenant within the window (an alert storm, a
 * mail loop no header reveals) are dropped with a logged reason. The count lives in Cosmos, so
 * every host instance sees it; the sender is counted and logged only as an HMAC. Each mail is
 * counted once by its fingerprint (mail/mailKey.ts), not its MailKey: a mail delivered again,
 * which may reach this stage now that a plain mail's duplicate is found only by the ticket write
 * (dedupe.ts), is the same mail and gets the same answer; mails that reuse one Message-ID are
 * different mails and each counts. A mail an agent recovered from the Mail Log is neither
 * counted nor dropped: the agent chose it, whatever its sender sent since.
 */
export const burst: Stage<Pick<Admitted, 'message' | 'mail'> & { mailHash: string }> = {
  name: 'burst',
  timeoutMs: 30_000,
  async run({ message, mail, mailHash }, deps) {
    if (message.recovery) return proceed;
    const now = deps.now?.() ?? new Date();
    const count = await deps.senders.record(message.tenant, mail.from.address, mailHash, now);
    if (count.allowed) return proceed;
    deps.log.write({
      event: 'mail.sender-burst',
      level: 'warn',
      tenant: message.tenant,
      mailId: message.mailId,
      sender: count.senderId,
    });
    // Only the window's first dropped mail goes to the Mail Log (pipeline/mailLog.ts).
    const code = count.first ? BURST_LOGGED : 'over-limit';
    return drop(message, deps, 'dropped-sender-burst', code);
  },
};
