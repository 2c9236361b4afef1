/**
 * A recovered mail's world for unit tests: processMail's fakes (mailWorld.ts) with a Mail Log
 * whose item 7 is `Making` under the out-of-office reply's MailKey, an acks memory that would
 * let any mail be acknowledged, and the runner's answer for a failed mail.
 */
import type { ErrorCode } from '../../../lib/errors';
import { messageIdKey } from '../../../lib/mail/mailKey';
import type { PipelineResult } from '../../../lib/pipeline/runner';
import type { MailMessage } from '../../../lib/storage/staging';
import { MESSAGE, tenant, world } from '../pipeline/mailWorld';
import { MemoryMailLogBook } from './fakeBook';

export const OUT_OF_OFFICE = Buffer.from(
  'From: Ann <ann@example.com>\r\nSubject: Automatic reply: Printer\r\nMessage-ID: <ooo1@x>\r\n' +
    'Auto-Submitted: auto-replied\r\n\r\nI am away until Monday.',
);

export const message: MailMessage = { ...MESSAGE, recovery: { itemId: '7' } };

export async function aRecovery(raw = OUT_OF_OFFICE) {
  const w = world(raw);
  const site = await w.deps.helpdesks.open(tenant);
  const book = new MemoryMailLogBook();
  // The item's MailKey, as the Mail Log wrote it: the key the pipeline writes the ticket under.
  book.add('7', { action: 'Making', mailKey: messageIdKey('<ooo1@x>') });
  w.deps.helpdesks = { open: async () => ({ ...site, mailLogBook: book }) };
  // Every mail would get an ack if the rules let it: a recovered one must not ask for one.
  w.deps.acks = { claim: async () => true };
  return { ...w, book, site };
}

/** What the runner answers for a mail that failed: poisoned now, or retried by the queue. */
export const failure = (kind: 'reject' | 'retry', code: ErrorCode): PipelineResult => ({
  outcome: kind === 'retry' ? 'retry' : 'rejected',
  failure: { kind, code, stage: 'ticket' },
  trace: [],
});
