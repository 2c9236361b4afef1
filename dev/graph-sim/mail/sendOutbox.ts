/**
 * What the simulated Exchange sent to the outside world: every recipient that is no simulated
 * mailbox. Tests read here the mail a requester got; the admin API lists (`GET /_admin/sent`)
 * and clears it (`DELETE /_admin/sent`, and the full reset). Kept in memory beside the store,
 * not in the state file: a test reads it within its own run, and mail bodies stay out of disk.
 */
import { type SimResponse, json, noContent } from '../http';
import type { Store } from '../state';

export interface SentMail {
  /** The sending mailbox's address. */
  from: string;
  /** Only the outside recipients, by the field that named them. */
  to: string[];
  cc: string[];
  bcc: string[];
  internetMessageId: string;
  subject: string;
  receivedAt: string;
  /** The MIME as the outside recipients got it (no Bcc field), base64. */
  raw: string;
}

const outboxes = new WeakMap<Store, SentMail[]>();

export function outboxOf(store: Store): SentMail[] {
  let outbox = outboxes.get(store);
  if (!outbox) {
    outbox = [];
    outboxes.set(store, outbox);
  }
  return outbox;
}

export function clearOutbox(store: Store): void {
  outboxes.delete(store);
}

/** `GET|DELETE /_admin/sent`, or undefined for any other route. */
export function handleSentAdmin(store: Store, route: string): SimResponse | undefined {
  if (route === 'GET /_admin/sent') return json(200, { value: outboxOf(store) });
  if (route === 'DELETE /_admin/sent') {
    clearOutbox(store);
    return noContent();
  }
  return undefined;
}
