import { PermanentError } from '../../errors';
import { mailKey } from '../../mail/mailKey';
import { type MailAddress, type ParsedMail, parseMail } from '../../mail/parse';
import { type Stage, go } from '../stage';

/** A parsed mail that names its author: only such a mail gets past this stage. */
export type AuthoredMail = ParsedMail & { from: MailAddress };

const hasAuthor = (mail: ParsedMail): mail is AuthoredMail => mail.from !== undefined;

export interface Parsed {
  mail: AuthoredMail;
  /** The mail's idempotency key (mail/mailKey.ts). */
  mailKey: string;
}

/** Parses the mail and derives its idempotency key. A mail without a sender cannot be a ticket. */
export const parse: Stage<Buffer, Parsed> = {
  name: 'parse',
  // Parsing a 35 MiB mail takes well under a second; a minute means hostile input.
  timeoutMs: 60_000,
  async run(raw) {
    const mail = await parseMail(raw);
    if (!hasAuthor(mail)) throw new PermanentError('no-sender', 'the mail has no From address');
    return go({ mail, mailKey: mailKey(mail.messageId, raw) });
  },
};
