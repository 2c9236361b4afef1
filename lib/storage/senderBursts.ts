/**
 * The per-sender burst limit's memory: how many mails one sender sent one tenant in the current
 * window, shared by every host instance (Cosmos `senders`, partitioned by tenant). The sender is
 * stored only as an HMAC under the tenant's key (crypto.ts addressId), never in clear; erasing
 * the tenant's key makes the ids meaningless, and each document expires with its window (ttl).
 *
 * A fixed window opened by the sender's first mail. The document lists the fingerprints it counted
 * (a prefix each), so a mail delivered again (queue retry, relay resend) is not counted twice and
 * gets the same answer. Concurrent mails are settled by Cosmos: create refuses a second document
 * (409), replace refuses a stale one (412), and the loser reads again.
 */
import type { Container } from '@azure/cosmos';

import { currentSignal } from '../deadline';
import { TransientError } from '../errors';
import { writeIfUnchanged } from './conditionalWrite';
import { addressId } from './crypto';
import type { KeyRing } from './keyring';

export interface BurstLimit {
  /** Mails one sender may send one tenant within the window. */
  limit: number;
  windowSeconds: number;
}

export interface SenderCount {
  /** The sender's correlation id (HMAC), safe to log. */
  senderId: string;
  /** False once the sender is past the limit in the current window. */
  allowed: boolean;
  /** The window's first mail past the limit: the one its drop keeps in the Mail Log. */
  first?: boolean;
}

export interface SenderBursts {
  /** Counts the mail (once per fingerprint) and says whether its sender is within the limit. */
  record(tenant: string, sender: string, mailHash: string, now: Date): Promise<SenderCount>;
}

interface SenderWindow {
  id: string;
  tenant: string;
  /** Epoch ms when the window opened. */
  since: number;
  /** Fingerprint prefixes of the mails counted in the window, and of the first past the limit. */
  mails: string[];
  /** Seconds after the last write until Cosmos deletes the document. */
  ttl: number;
  _etag?: string;
}

// 16 hex digits of a mail's fingerprint (64 bits) tell a sender's mails in one window apart.
const MARK_LENGTH = 16;
// Concurrent mails of one sender each cost a re-read; five rounds settle any real burst.
const MAX_ATTEMPTS = 5;

export class CosmosSenderBursts implements SenderBursts {
  constructor(
    private readonly container: () => Promise<Container>,
    private readonly keys: KeyRing,
    private readonly limit: BurstLimit,
  ) {}

  async record(tenant: string, sender: string, mailHash: string, now: Date): Promise<SenderCount> {
    const senderId = addressId(await this.keys.keyFor(tenant), sender);
    const container = await this.container();
    const mark = mailHash.slice(0, MARK_LENGTH);
    const windowMs = this.limit.windowSeconds * 1000;
    // The mail's deadline (lib/deadline.ts): an overrun stage stops its Cosmos calls too.
    const abortSignal = currentSignal();
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const { resource } = await container
        .item(senderId, tenant)
        .read<SenderWindow>({ abortSignal });
      const open = resource && now.getTime() - resource.since < windowMs ? resource : undefined;
      const seen = open?.mails.indexOf(mark) ?? -1;
      if (seen >= 0) return this.counted(senderId, seen);
      const mails = open?.mails ?? [];
      // Past the limit only the first mail is written (marked for the Mail Log): a flood costs
      // one read per mail.
      if (mails.length > this.limit.limit) return { senderId, allowed: false };
      const next: SenderWindow = {
        id: senderId,
        tenant,
        since: open?.since ?? now.getTime(),
        mails: [...mails, mark],
        ttl: this.limit.windowSeconds,
      };
      if (await writeIfUnchanged(container, tenant, resource, next, abortSignal)) {
        return this.counted(senderId, mails.length);
      }
    }
    throw new TransientError('sender-count-contended', 'sender count changed on every attempt');
  }

  /** The answer for the mail at `index` of its window (the same again for a redelivery). */
  private counted(senderId: string, index: number): SenderCount {
    if (index < this.limit.limit) return { senderId, allowed: true };
    return { senderId, allowed: false, ...(index === this.limit.limit ? { first: true } : {}) };
  }
}
