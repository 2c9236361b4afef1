/**
 * The acks memory (ack.ts SenderAcks) in Cosmos, shared by every host instance: container
 * `senderAcks`, partitioned by tenant, one document per sender and tenant whose id is the
 * sender's HMAC under the tenant's key (crypto.ts addressId, as senderBursts.ts keeps its counts),
 * never the address. The document names the mail whose ack (or notice) took the window, so a
 * repeated delivery of that mail gets the same answer, and expires with the window (ttl).
 * Concurrent claims are settled by Cosmos (storage/conditionalWrite.ts): the loser reads again.
 */
import type { Container } from '@azure/cosmos';

import { currentSignal } from '../deadline';
import { TransientError } from '../errors';
import { writeIfUnchanged } from '../storage/conditionalWrite';
import { addressId } from '../storage/crypto';
import type { KeyRing } from '../storage/keyring';
import { ACK_WINDOW_SECONDS, type SenderAcks } from './ack';

interface AckWindow {
  id: string;
  tenant: string;
  /** The MailKey (a hash) of the mail whose ack holds the window. */
  mailKey: string;
  /** Epoch ms when the window opened. */
  since: number;
  ttl: number;
  _etag?: string;
}

// Two mails of one sender at once cost a re-read; a few rounds settle any real race.
const MAX_ATTEMPTS = 5;

export class CosmosSenderAcks implements SenderAcks {
  constructor(
    private readonly container: () => Promise<Container>,
    private readonly keys: KeyRing,
    private readonly windowSeconds = ACK_WINDOW_SECONDS,
  ) {}

  /** Creates the container if it is not there (start-up, tests). */
  async ready(): Promise<void> {
    await this.container();
  }

  async claim(tenant: string, sender: string, mailKey: string, now: Date): Promise<boolean> {
    const id = addressId(await this.keys.keyFor(tenant), sender);
    const container = await this.container();
    const abortSignal = currentSignal();
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const { resource } = await container.item(id, tenant).read<AckWindow>({ abortSignal });
      // Cosmos deletes an expired document a little later: until then it is no window.
      if (resource && now.getTime() - resource.since < this.windowSeconds * 1000) {
        return resource.mailKey === mailKey;
      }
      const next: AckWindow = {
        id,
        tenant,
        mailKey,
        since: now.getTime(),
        ttl: this.windowSeconds,
      };
      if (await writeIfUnchanged(container, tenant, resource, next, abortSignal)) return true;
    }
    throw new TransientError(
      'sender-count-contended',
      'sender ack window changed on every attempt',
    );
  }
}
