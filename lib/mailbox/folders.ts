/**
 * The folders an agent sees the door's work in: `Helpdesk` under the mailbox's top folder
 * (msgfolderroot), with `Processed` and `Not a ticket` inside. Created on first use; a name
 * already taken (409, or Exchange's ErrorFolderExists) means the folder is there: its id is
 * found by listing the parent's children. Ids are cached in the mailbox record (settle.ts).
 */
import { PermanentError } from '../errors';
import { isGraphCallError } from '../sharepoint/graphCallError';
import type { Exchange } from './exchange';
import { type Page, folderPath } from './paths';

export const FOLDER_NAMES = {
  root: 'Helpdesk',
  processed: 'Processed',
  notATicket: 'Not a ticket',
};

export interface FolderIds {
  processed: string;
  notATicket: string;
}

export async function ensureFolders(exchange: Exchange, userId: string): Promise<FolderIds> {
  const root = await childFolder(exchange, folderPath(userId, 'msgfolderroot'), FOLDER_NAMES.root);
  const parent = folderPath(userId, root);
  const [processed, notATicket] = await Promise.all([
    childFolder(exchange, parent, FOLDER_NAMES.processed),
    childFolder(exchange, parent, FOLDER_NAMES.notATicket),
  ]);
  return { processed, notATicket };
}

function folderExists(err: unknown): boolean {
  return isGraphCallError(err) && (err.status === 409 || err.graphCode === 'ErrorFolderExists');
}

async function childFolder(exchange: Exchange, parent: string, name: string): Promise<string> {
  try {
    const made = await exchange.post<{ id: string }>(
      `${parent}/childFolders`,
      { displayName: name },
      { op: 'create mail folder' },
    );
    return made.id;
  } catch (err) {
    if (!folderExists(err)) throw err;
  }
  let link: string | undefined = `${parent}/childFolders`;
  let query: Record<string, string> | undefined = { $select: 'id,displayName', $top: '100' };
  while (link) {
    const page: Page<{ id: string; displayName?: string }> = await exchange.get(link, {
      op: 'list mail folders',
      query,
    });
    const found = page.value.find((f) => f.displayName?.toLowerCase() === name.toLowerCase());
    if (found) return found.id;
    link = page['@odata.nextLink'];
    query = undefined;
  }
  throw new PermanentError('invalid-folder', 'a mail folder exists by name but is not listed');
}
