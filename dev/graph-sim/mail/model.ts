/**
 * Exchange mailboxes as the simulator keeps them in its state file, one list per tenant beside
 * its sites. Types only, like ../model.ts, so routes, admin and notifications share them.
 */

/** Folder names Graph accepts wherever a folder id goes (docs/graph.md "Exchange Online"). */
export type WellKnownFolder =
  'msgfolderroot' | 'inbox' | 'sentitems' | 'drafts' | 'deleteditems' | 'archive' | 'junkemail';

export interface MailFolderState {
  id: string;
  displayName: string;
  /** The root's parent is the mailbox's hidden top node, which no route shows. */
  parentFolderId: string;
  wellKnownName?: WellKnownFolder;
  /** Set at creation only, as Graph allows; hidden folders are listed only on request. */
  isHidden: boolean;
}

export interface MailAddress {
  address: string;
  name: string;
}

export interface MessageState {
  /** The immutable id (`Prefer: IdType="ImmutableId"`): stays across moves. */
  id: string;
  /** The default id: Exchange copies and deletes on a move, so this one is new after each move. */
  restId: string;
  folderId: string;
  internetMessageId: string;
  subject: string;
  /** The From header's first address, as Graph's `from.emailAddress` shows it. */
  from: MailAddress | null;
  toRecipients: MailAddress[];
  ccRecipients: MailAddress[];
  /** The Date header, else the time of delivery. */
  sentDateTime: string;
  receivedDateTime: string;
  /** A multipart/mixed top level: what Graph's hasAttachments says for mail like ours. */
  hasAttachments: boolean;
  /** Bumped on every change, as lastModifiedDateTime. */
  lastModifiedDateTime: string;
  isRead: boolean;
  /** Made by POST /users/{u}/messages and not sent yet; absent on every received message. */
  isDraft?: boolean;
  /** Files uploaded to a draft through attachment upload sessions (draftsUpload.ts). */
  attachments?: DraftAttachment[];
  categories: string[];
  /** The raw MIME in the blob store (../blobs.ts). */
  blob: string;
  size: number;
  /** Changes on every change of the message, as Exchange's does. */
  changeKey: string;
}

export interface DraftAttachment {
  id: string;
  name: string;
  contentType: string;
  /** The bytes in the blob store (../blobs.ts). */
  blob: string;
  size: number;
}

/** One entry of a mailbox's change log, which delta queries replay. */
export interface MailChange {
  seq: number;
  /** The immutable id. */
  messageId: string;
  /** The default id the message had in that folder: a delta without immutable ids reports it. */
  restId: string;
  folderId: string;
  /** `in`: created or moved into the folder; `updated`: read state or categories; `out`: moved out or deleted. */
  kind: 'in' | 'updated' | 'out';
}

export interface MailboxState {
  /** The user object's id: a GUID. */
  userId: string;
  /** The primary SMTP address, lower-case; also the user principal name here. */
  address: string;
  displayName: string;
  /** The app's RBAC scope covers this mailbox: without it every /users/{it}/… call is 403. */
  granted: boolean;
  /** The app may send as this mailbox (Mail.Send in its RBAC scope); absent in older state files. */
  sendGranted?: boolean;
  folders: MailFolderState[];
  messages: MessageState[];
  changes: MailChange[];
  nextSeq: number;
  /** Bumped by the admin's delta reset: every token minted before is forgotten (410). */
  deltaEpoch: number;
}
