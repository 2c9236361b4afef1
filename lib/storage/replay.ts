/**
 * Replay of poisoned mail: once the cause is fixed (a site's schema restored, a bug deployed
 * away), the operator puts the mails waiting in `mail-in-poison` back on `mail-in`. A poisoned
 * mail's staged blob is kept for exactly this. Messages are taken from the poison queue only
 * after their replay was sent, so a failure half-way loses none; a message whose staged mail is
 * gone (written after all, or purged after 7 days) is dropped and counted.
 */
import type { ContainerClient } from '@azure/storage-blob';
import type { QueueClient } from '@azure/storage-queue';

import { type MailMessage, encodeQueueMessage, parseMailMessage } from './staging';

export interface ReplayQueues {
  poison: QueueClient;
  mail: QueueClient;
  staging: ContainerClient;
}

export interface ReplayOptions {
  /** Only this tenant's mails (its domain); others stay where they are. */
  tenant?: string;
  /** Count what would happen, change nothing. */
  dryRun?: boolean;
}

export interface ReplayReport {
  replayed: number;
  gone: number;
  otherTenants: number;
  unreadable: number;
}

// While one run works through the queue, a message it has seen stays invisible to it.
const LEASE_SECONDS = 300;

/** The staged mail a poison message names: the app wraps it as {message, error}, the host does not. */
function stagedMail(text: string): MailMessage | undefined {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(text, 'base64').toString('utf8'));
  } catch {
    return undefined;
  }
  const inner =
    value && typeof value === 'object' && 'message' in value
      ? (value as { message: unknown }).message
      : value;
  try {
    return parseMailMessage(inner);
  } catch {
    return undefined;
  }
}

export async function replayPoisoned(
  q: ReplayQueues,
  options: ReplayOptions = {},
): Promise<ReplayReport> {
  const report: ReplayReport = { replayed: 0, gone: 0, otherTenants: 0, unreadable: 0 };
  if (!(await q.poison.exists())) return report;
  // Messages left in place are made visible again at the end, for the next run.
  const left: Array<{ messageId: string; popReceipt: string }> = [];
  const release = () =>
    Promise.all(left.map((m) => q.poison.updateMessage(m.messageId, m.popReceipt, undefined, 0)));
  for (;;) {
    const batch: Array<{ messageId: string; messageText: string; popReceipt?: string }> =
      options.dryRun
        ? (await q.poison.peekMessages({ numberOfMessages: 32 })).peekedMessageItems
        : (
            await q.poison.receiveMessages({
              numberOfMessages: 32,
              visibilityTimeout: LEASE_SECONDS,
            })
          ).receivedMessageItems;
    if (batch.length === 0) {
      await release();
      return report;
    }
    for (const item of batch) {
      const mail = stagedMail(item.messageText);
      const keep = (): void => {
        if (item.popReceipt !== undefined) left.push({ ...item, popReceipt: item.popReceipt });
      };
      if (!mail) {
        report.unreadable++;
        keep();
        continue;
      }
      if (options.tenant && mail.tenant !== options.tenant.toLowerCase()) {
        report.otherTenants++;
        keep();
        continue;
      }
      const kept = await q.staging.getBlobClient(mail.blob).exists();
      if (kept) report.replayed++;
      else report.gone++;
      if (options.dryRun || item.popReceipt === undefined) continue;
      // A replayed mail starts afresh: no hold count from an earlier licence lapse.
      if (kept) await q.mail.sendMessage(encodeQueueMessage({ ...mail, held: undefined }));
      await q.poison.deleteMessage(item.messageId, item.popReceipt);
    }
    // Peeking always shows the first messages again: one look is the whole dry run.
    if (options.dryRun) return report;
  }
}
