/**
 * The message and mailFolder resources as Graph shows them, and `$select` over them (Graph
 * always adds `id`; a property the type lacks is a 400, as Graph answers).
 */
import { GraphError } from '../errors';
import type { MailAddress, MailFolderState, MailboxState, MessageState } from './model';

const recipient = (a: MailAddress): object => ({
  emailAddress: { name: a.name, address: a.address },
});

/** What messageJson shows, for `$select`. */
export const MESSAGE_PROPERTIES = [
  'id',
  'createdDateTime',
  'lastModifiedDateTime',
  'changeKey',
  'categories',
  'receivedDateTime',
  'sentDateTime',
  'hasAttachments',
  'internetMessageId',
  // Shown only when selected, as Graph does (messages.ts reads it from the MIME).
  'internetMessageHeaders',
  'subject',
  'bodyPreview',
  'importance',
  'parentFolderId',
  'isDeliveryReceiptRequested',
  'isReadReceiptRequested',
  'isRead',
  'isDraft',
  'webLink',
  'inferenceClassification',
  'sender',
  'from',
  'toRecipients',
  'ccRecipients',
  'bccRecipients',
  'replyTo',
  'flag',
] as const;

export function messageJson(m: MessageState, immutable: boolean): Record<string, unknown> {
  const id = immutable ? m.id : m.restId;
  const from = m.from ? recipient(m.from) : null;
  return {
    '@odata.etag': `W/"${m.changeKey}"`,
    id,
    createdDateTime: m.receivedDateTime,
    lastModifiedDateTime: m.lastModifiedDateTime,
    changeKey: m.changeKey,
    categories: [...m.categories],
    receivedDateTime: m.receivedDateTime,
    sentDateTime: m.sentDateTime,
    hasAttachments: m.hasAttachments,
    internetMessageId: m.internetMessageId,
    subject: m.subject,
    bodyPreview: '',
    importance: 'normal',
    parentFolderId: m.folderId,
    isDeliveryReceiptRequested: false,
    isReadReceiptRequested: false,
    isRead: m.isRead,
    isDraft: m.isDraft === true,
    webLink: `https://outlook.office365.com/owa/?ItemID=${encodeURIComponent(id)}&exvsurl=1&viewmodel=ReadMessageItem`,
    inferenceClassification: 'focused',
    sender: from,
    from,
    toRecipients: m.toRecipients.map(recipient),
    ccRecipients: m.ccRecipients.map(recipient),
    bccRecipients: [],
    replyTo: [],
    flag: { flagStatus: 'notFlagged' },
  };
}

/** What folderJson shows, for `$select`. */
export const FOLDER_PROPERTIES = [
  'id',
  'displayName',
  'parentFolderId',
  'childFolderCount',
  'unreadItemCount',
  'totalItemCount',
  'isHidden',
] as const;

export function folderJson(box: MailboxState, f: MailFolderState): Record<string, unknown> {
  const inside = box.messages.filter((m) => m.folderId === f.id);
  return {
    id: f.id,
    displayName: f.displayName,
    parentFolderId: f.parentFolderId,
    childFolderCount: box.folders.filter((c) => c.parentFolderId === f.id).length,
    unreadItemCount: inside.filter((m) => !m.isRead).length,
    totalItemCount: inside.length,
    isHidden: f.isHidden,
  };
}

/** The `$select` list, checked against the type's properties; undefined keeps them all. */
export function parseSelect(
  raw: string | undefined,
  properties: readonly string[],
  type: string,
): string[] | undefined {
  if (raw === undefined || raw.trim() === '') return undefined;
  const known = new Map(properties.map((k) => [k.toLowerCase(), k]));
  return raw.split(',').map((name) => {
    const key = known.get(name.trim().toLowerCase());
    if (key) return key;
    throw new GraphError(
      400,
      'RequestBroker--ParseUri',
      `Could not find a property named '${name.trim()}' on type '${type}'.`,
    );
  });
}

/** Keeps the selected properties, `id` and the annotations. */
export function pick(full: Record<string, unknown>, select: string[] | undefined): object {
  if (!select) return full;
  return Object.fromEntries(
    Object.entries(full).filter(([k]) => k === 'id' || k.startsWith('@') || select.includes(k)),
  );
}
