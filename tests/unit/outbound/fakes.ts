/**
 * The acks memory without Cosmos, for unit tests: what the Cosmos implementation promises
 * (one mail's ack per sender within the window, a repeat of that mail gets the same answer).
 */
import { ACK_WINDOW_SECONDS, type SenderAcks } from '../../../lib/outbound/ack';

export class MemorySenderAcks implements SenderAcks {
  private readonly held = new Map<string, { mailKey: string; at: number }>();

  async claim(tenant: string, sender: string, mailKey: string, now: Date): Promise<boolean> {
    const id = `${tenant}|${sender}`;
    const current = this.held.get(id);
    if (current && now.getTime() - current.at < ACK_WINDOW_SECONDS * 1000) {
      return current.mailKey === mailKey;
    }
    this.held.set(id, { mailKey, at: now.getTime() });
    return true;
  }
}
