import { PermanentError } from '../../errors';
import { mailKey } from '../../mail/mailKey';
import { parseMail } from '../../mail/parse';
import { type Stage, need, proceed } from '../stage';

/** Parses the mail and derives its idempotency key. A mail without a sender cannot be a ticket. */
export const parse: Stage = {
  name: 'parse',
  // Parsing a 35 MiB mail takes well under a second; a minute means hostile input.
  timeoutMs: 60_000,
  async run(ctx) {
    const raw = need(ctx, 'raw');
    const mail = await parseMail(raw);
    if (!mail.from) throw new PermanentError('no-sender', 'the mail has no From address');
    ctx.mail = mail;
    ctx.mailKey = mailKey(mail.messageId, raw);
    return proceed;
  },
};
