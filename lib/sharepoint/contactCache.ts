/**
 * Contacts a site's instance found or created lately, by address, so a known requester costs no
 * Graph request. Kept per site (one helpdesk, one tenant) and in this process only.
 *
 * Five minutes: most mail comes from senders who wrote within minutes (a conversation, a burst of
 * tickets), so a short lifetime keeps nearly every hit. The lifetime only bounds how long a
 * contact an agent renamed keeps its old name here, or how long a deleted one is offered: a write
 * naming a deleted contact is refused by SharePoint, and `forget` then drops the stale entries
 * (site.ts), so a stale id never reaches a ticket. Misses are not kept: a contact created
 * elsewhere is found on the next mail.
 */
import { TransientError } from '../errors';
import { isBadRequest } from './graphCallError';
import type { Contact } from './helpdesk';

export const CONTACT_TTL_MS = 5 * 60_000;
// One entry is about 200 bytes; 10,000 addresses (2 MB) is more than one tenant writes from in
// five minutes. The oldest entry goes first.
export const CONTACT_CACHE_MAX = 10_000;

interface Entry {
  contact: Contact;
  until: number;
}

export class ContactCache {
  private readonly byAddress = new Map<string, Entry>();

  constructor(
    /** The clock in ms; injected by tests. */
    private readonly now: () => number = Date.now,
    private readonly ttlMs: number = CONTACT_TTL_MS,
    private readonly max: number = CONTACT_CACHE_MAX,
  ) {
    if (!(ttlMs > 0) || !(max > 0)) throw new RangeError('contact cache: ttl and size must be > 0');
  }

  /** The contact of a lower-case address, while fresh. */
  get(address: string): Contact | undefined {
    const entry = this.byAddress.get(address);
    if (!entry) return undefined;
    if (this.now() < entry.until) return entry.contact;
    this.byAddress.delete(address);
    return undefined;
  }

  set(contact: Contact): void {
    this.byAddress.delete(contact.email);
    if (this.byAddress.size >= this.max) {
      const oldest = this.byAddress.keys().next().value;
      if (oldest !== undefined) this.byAddress.delete(oldest);
    }
    this.byAddress.set(contact.email, { contact, until: this.now() + this.ttlMs });
  }

  /** Drops the entries of these contact ids; true when any was cached (it may be stale). */
  forget(ids: readonly (string | undefined)[]): boolean {
    const gone = new Set(ids.filter((id): id is string => id !== undefined));
    let dropped = false;
    for (const [address, entry] of this.byAddress) {
      if (!gone.has(entry.contact.id)) continue;
      this.byAddress.delete(address);
      dropped = true;
    }
    return dropped;
  }
}

/**
 * After a write naming `ids` failed: SharePoint refuses (400) a lookup to an item that no longer
 * exists. When one of the ids came from the cache it may be such a contact: the entries go and
 * the write is worth retrying with contacts found afresh (`contact-gone`); else the error stands.
 */
export function staleContact(
  cache: ContactCache,
  ids: readonly (string | undefined)[],
  err: unknown,
): unknown {
  if (!isBadRequest(err)) return err;
  if (!cache.forget(ids)) return err;
  return new TransientError('contact-gone', 'a cached contact was refused; cache entries dropped', {
    cause: err,
  });
}
