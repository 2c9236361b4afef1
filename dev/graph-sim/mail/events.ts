/**
 * What happens in the simulated mailboxes, for whoever must react to it (change notifications
 * to subscribers). A message is "created" in a folder when it is delivered and when it is moved
 * in: Graph's `created` change type fires for both. One instance lives on the Store, so routes
 * (through their context) and admin endpoints (through their deps) reach the same one.
 */
export interface MailCreated {
  tenantId: string;
  userId: string;
  folderId: string;
  /** The message's immutable id (model.ts); its default id is found through it. */
  messageId: string;
}

export interface MailEventMap {
  created: MailCreated;
}

export type MailEventName = keyof MailEventMap;

type Listener<K extends MailEventName> = (event: MailEventMap[K]) => void;

export class MailEvents {
  private readonly listeners: { [K in MailEventName]: Set<Listener<K>> } = { created: new Set() };

  /**
   * Calls every listener at once; a listener that throws is reported and skipped, so a broken
   * subscriber never fails the delivery or the move that caused the event.
   */
  emit<K extends MailEventName>(name: K, event: MailEventMap[K]): void {
    for (const listener of this.listeners[name]) {
      try {
        listener(event);
      } catch (err) {
        console.error(
          `graph-sim: mail ${name} listener failed: ${err instanceof Error ? err.message : String(err)}`,
        );
      }
    }
  }

  /** Returns a function that removes the listener again. */
  on<K extends MailEventName>(name: K, listener: Listener<K>): () => void {
    const set = this.listeners[name] as Set<Listener<K>>;
    set.add(listener);
    return () => set.delete(listener);
  }
}
