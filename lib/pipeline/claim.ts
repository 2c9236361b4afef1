/**
 * Which item a mail may treat as its own. The MailKey comes from the Message-ID, which any
 * recipient of a mail can copy into another one; so an item found under the key is this mail's
 * only when the fingerprint stored beside it is this mail's too (mail/mailKey.ts says what "the
 * same mail" is). A different mail under a taken key gets a key of its own and its own item: it
 * neither resumes the other's files nor is dropped as its duplicate.
 */
import { reusedKey } from '../mail/mailKey';
import type { StoredMail } from '../sharepoint/helpdesk';
import type { MailMessage } from '../storage/staging';
import type { PipelineDeps } from './stage';

/** The key a mail's item is written under, and the fingerprint stored beside it. */
export interface MailIdentity {
  mailKey: string;
  mailHash: string;
}

/**
 * Whether `stored` was written from this mail. An item without a fingerprint was written before
 * fingerprints existed, or on a site not provisioned again since: it counts as the same mail, as
 * every item did before, so such a site keeps working (and keeps the old weakness until then).
 */
export function sameMail(stored: StoredMail, fingerprint: string): boolean {
  return stored.mailHash === undefined || stored.mailHash === fingerprint;
}

/** Another mail holds this mail's key: from here on the mail uses a key of its own. Logged. */
export function takeOwnKey(
  identity: MailIdentity,
  message: MailMessage,
  deps: PipelineDeps,
): MailIdentity {
  deps.log.write({
    event: 'mail.key-reused',
    level: 'warn',
    tenant: message.tenant,
    mailId: message.mailId,
    code: 'message-id-reused',
  });
  return { ...identity, mailKey: reusedKey(identity.mailKey, identity.mailHash) };
}

/**
 * Writes the ticket or comment under the mail's key. When the unique column refused it because
 * another delivery wrote first (`existed`), that is this mail's duplicate only if the winner's
 * fingerprint is this mail's; a different mail that won the race for the same Message-ID gets
 * the winner's item re-read, compared, and this mail written again under a key of its own.
 */
export async function writeOwn<T extends { existed?: boolean }>(
  identity: MailIdentity,
  message: MailMessage,
  deps: PipelineDeps,
  write: (mailKey: string) => Promise<T>,
  find: (mailKey: string) => Promise<StoredMail[]>,
): Promise<T> {
  const written = await write(identity.mailKey);
  if (!written.existed) return written;
  const [winner] = await find(identity.mailKey);
  if (!winner || sameMail(winner, identity.mailHash)) return written;
  return write(takeOwnKey(identity, message, deps).mailKey);
}
