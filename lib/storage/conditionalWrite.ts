/**
 * One optimistic write of a per-sender document (senderBursts.ts, outbound/senderAcks.ts): the
 * new version replaces the one read, only if no one changed it since (its `_etag`), or is created
 * when none was read. Two instances racing are settled by Cosmos: create refuses a second
 * document (409), replace a stale one (412); the loser gets false and reads again.
 */
import type { Container, ItemDefinition } from '@azure/cosmos';

const codeOf = (err: unknown): unknown => (err as { code?: unknown } | null)?.code;

export async function writeIfUnchanged(
  container: Container,
  partitionKey: string,
  read: { _etag?: string } | undefined,
  next: ItemDefinition & { id: string },
  abortSignal: AbortSignal | undefined,
): Promise<boolean> {
  try {
    if (read?._etag) {
      await container.item(next.id, partitionKey).replace(next, {
        accessCondition: { type: 'IfMatch', condition: read._etag },
        abortSignal,
      });
    } else {
      await container.items.create(next, { abortSignal });
    }
    return true;
  } catch (err) {
    if (codeOf(err) !== 409 && codeOf(err) !== 412) throw err;
    return false;
  }
}
