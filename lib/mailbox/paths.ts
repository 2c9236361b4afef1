/**
 * The Exchange paths the door uses, written once. Ids are URL-encoded (an immutable id may hold
 * `/`, `+` or `=`); the user segment is the mailbox owner's object id or its address.
 */
export const userPath = (userId: string): string => `/users/${encodeURIComponent(userId)}`;

export const messagePath = (userId: string, messageId: string): string =>
  `${userPath(userId)}/messages/${encodeURIComponent(messageId)}`;

export const folderPath = (userId: string, folderId: string): string =>
  `${userPath(userId)}/mailFolders/${encodeURIComponent(folderId)}`;

/** The subscription resource: new messages of the inbox (Graph's own spelling). */
export const inboxResource = (userId: string): string =>
  `users/${userId}/mailFolders('inbox')/messages`;

export const subscriptionPath = (id: string): string => `/subscriptions/${encodeURIComponent(id)}`;

/** One page of a Graph collection. */
export interface Page<T> {
  value: T[];
  '@odata.nextLink'?: string;
  '@odata.deltaLink'?: string;
}
