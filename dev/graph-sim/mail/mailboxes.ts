/**
 * Mailboxes in the state: creating one with its standard folders, finding its folders and
 * messages by id or well-known name, and writing the change log that delta queries replay.
 * Ids look like Exchange's: long base64url strings, never GUIDs, so no client can mistake them.
 */
import { randomBytes } from 'node:crypto';

import { GraphError } from '../errors';
import { newGuid } from '../state';
import type { TenantState } from '../model';
import type {
  MailChange,
  MailFolderState,
  MailboxState,
  MessageState,
  WellKnownFolder,
} from './model';

/** The folders Exchange makes with every mailbox; msgfolderroot is the parent of the others. */
const STANDARD: [WellKnownFolder, string][] = [
  ['inbox', 'Inbox'],
  ['sentitems', 'Sent Items'],
  ['drafts', 'Drafts'],
  ['deleteditems', 'Deleted Items'],
  ['archive', 'Archive'],
  ['junkemail', 'Junk Email'],
];

/** A folder id or the default (movable) id of a message. */
export const newExchangeId = (): string => `AAMkAG${randomBytes(66).toString('base64url')}AAA=`;
/** An immutable id: another prefix, as the real ones have. */
export const newImmutableId = (): string => `AAkALg${randomBytes(66).toString('base64url')}AAA=`;

export const newChangeKey = (): string => randomBytes(12).toString('base64');

/** Exchange's answer for any folder or message id it does not hold. */
export const itemNotFound = (): GraphError =>
  new GraphError(404, 'ErrorItemNotFound', 'The specified object was not found in the store.');

export function newFolder(
  parentFolderId: string,
  displayName: string,
  wellKnownName?: WellKnownFolder,
  isHidden = false,
): MailFolderState {
  return {
    id: newExchangeId(),
    displayName,
    parentFolderId,
    ...(wellKnownName ? { wellKnownName } : {}),
    isHidden,
  };
}

export function newMailbox(address: string, displayName: string): MailboxState {
  const root = newFolder(newExchangeId(), 'Top of Information Store', 'msgfolderroot');
  return {
    userId: newGuid(),
    address,
    displayName,
    granted: false,
    folders: [root, ...STANDARD.map(([wk, name]) => newFolder(root.id, name, wk))],
    messages: [],
    changes: [],
    nextSeq: 1,
    deltaEpoch: 0,
  };
}

/** Every mailbox of every tenant, for the admin API, which addresses mailboxes without a tenant. */
export function findByAddress(
  tenants: TenantState[],
  address: string,
): { tenant: TenantState; box: MailboxState } | undefined {
  const wanted = address.toLowerCase();
  for (const tenant of tenants) {
    const box = tenant.mailboxes?.find((b) => b.address === wanted);
    if (box) return { tenant, box };
  }
  return undefined;
}

/** A folder by id or well-known name (case-insensitive, as Graph reads `Inbox` and `inbox`). */
export function findFolder(box: MailboxState, ref: string): MailFolderState {
  const wk = ref.toLowerCase();
  const folder =
    box.folders.find((f) => f.id === ref) ?? box.folders.find((f) => f.wellKnownName === wk);
  if (!folder) throw itemNotFound();
  return folder;
}

/** A message by either of its ids; an old default id (from before a move) is gone. */
export function findMessage(box: MailboxState, id: string): MessageState {
  const message = box.messages.find((m) => m.id === id || m.restId === id);
  if (!message) throw itemNotFound();
  return message;
}

/** `Inbox`, `Helpdesk/Processed`: the folder's names below the root. */
export function folderPath(box: MailboxState, folderId: string): string {
  const names: string[] = [];
  let folder = box.folders.find((f) => f.id === folderId);
  while (folder && folder.wellKnownName !== 'msgfolderroot') {
    names.unshift(folder.displayName);
    const parent = folder.parentFolderId;
    folder = box.folders.find((f) => f.id === parent);
  }
  return names.join('/');
}

export function recordChange(
  box: MailboxState,
  message: MessageState,
  kind: MailChange['kind'],
): void {
  box.changes.push({
    seq: box.nextSeq++,
    messageId: message.id,
    restId: message.restId,
    folderId: message.folderId,
    kind,
  });
}

/** A new change key and modification time: every change of a message gets both. */
export function touch(message: MessageState, now: string): void {
  message.changeKey = newChangeKey();
  message.lastModifiedDateTime = now;
}
