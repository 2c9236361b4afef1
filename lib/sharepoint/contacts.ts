/**
 * Contacts list items, found by e-mail. Addresses are stored lower-case (the Email column is
 * unique); SharePoint's `eq` on text is case-insensitive too, so a contact an agent typed with
 * capitals is still found. Graph requests: existing contact 1; new contact 2 (find, create);
 * 3 when a concurrent mail created it first (find, refused create, re-read).
 *
 * With a ContactCache (contactCache.ts), a contact found or created lately costs no request.
 *
 * Find-then-create rather than create-then-find: most mail comes from known requesters, and a
 * refused create costs write resource units (2 RU) and counts towards throttling like a success.
 */
import { PermanentError } from '../errors';
import { isNotFound } from './graphCallError';
import type { ContactCache } from './contactCache';
import type { Contact } from './helpdesk';
import { cutText, singleLine } from './columnText';
import { type GraphItem, type ListRef, createItem, findOne, itemsPath, lookupId } from './items';
import { MAX_TEXT } from './schema';

// RFC 5321 §4.5.3.1.3: a path holds at most 256 octets, so an address at most 254 characters.
const MAX_ADDRESS = 254;

/** The address as a contact holds it (lower case), or undefined when no contact can have it. */
export function contactAddress(email: string): string | undefined {
  const address = email.trim().toLowerCase();
  return address && address.length <= MAX_ADDRESS && address.includes('@') ? address : undefined;
}

export function normaliseEmail(email: string): string {
  const address = contactAddress(email);
  if (!address) {
    // The address itself stays out of the message (docs/data-protection.md).
    throw new PermanentError('invalid-address', 'contact address is empty, too long or has no @');
  }
  return address;
}

function toContact(item: GraphItem, email: string, fallbackName: string): Contact {
  const title = item.fields?.Title;
  return { id: item.id, email, name: typeof title === 'string' ? title : fallbackName };
}

export async function findContact(contacts: ListRef, email: string): Promise<Contact | undefined> {
  const item = await findOne(contacts, 'Email', email, 'find contact', {
    item: 'id',
    fields: 'Title',
  });
  return item && toContact(item, email, email);
}

/** One request: the contact with this id; undefined when there is none (or it has no Email). */
export async function readContact(contacts: ListRef, id: string): Promise<Contact | undefined> {
  let item: GraphItem;
  try {
    item = await contacts.graph.get<GraphItem>(
      `${itemsPath(contacts)}/${lookupId(id, 'contact id')}`,
      { op: 'read contact', query: { $expand: 'fields($select=Title,Email)' } },
    );
  } catch (err) {
    if (isNotFound(err)) return undefined;
    throw err;
  }
  const email = item.fields?.Email;
  if (typeof email !== 'string' || !email) return undefined;
  return toContact(item, email.toLowerCase(), email.toLowerCase());
}

/** One request: the contact item's Email. */
export async function readContactEmail(contacts: ListRef, id: string): Promise<string | undefined> {
  return (await readContact(contacts, id))?.email;
}

export async function ensureContact(
  contacts: ListRef,
  email: string,
  name: string,
): Promise<Contact> {
  const address = normaliseEmail(email);
  const existing = await findContact(contacts, address);
  if (existing) return existing;
  // A display name from a header may carry CR/LF or other controls: no place in a list title.
  const title = cutText(singleLine(name) || address, MAX_TEXT);
  return createItem(
    contacts,
    { Title: title, Email: address },
    'create contact',
    (item) => toContact(item, address, title),
    () => findContact(contacts, address),
  );
}

/** ensureContact through the cache: no request for a contact found or created lately. */
export async function ensureCachedContact(
  contacts: ListRef,
  cache: ContactCache,
  email: string,
  name: string,
): Promise<Contact> {
  const cached = cache.get(normaliseEmail(email));
  if (cached) return cached;
  const contact = await ensureContact(contacts, email, name);
  cache.set(contact);
  return contact;
}

/** findContact through the cache; a miss is not kept (the contact may be created elsewhere). */
export async function findCachedContact(
  contacts: ListRef,
  cache: ContactCache,
  address: string,
): Promise<Contact | undefined> {
  const cached = cache.get(address);
  if (cached) return cached;
  const contact = await findContact(contacts, address);
  if (contact) cache.set(contact);
  return contact;
}
