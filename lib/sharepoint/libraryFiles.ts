/**
 * Reading back the files of a folder in `Ticket Attachments`: an agent's reply sends the files put
 * in its comment's folder. Graph requests: listFiles 1 per 200 entries; readFile 1 (its 302 to a
 * pre-authenticated download URL is followed inside the client).
 */
import { PermanentError } from '../errors';
import type { Graph } from './graph';
import { isNotFound } from './graphCallError';
import type { LibraryFile } from './libraryTypes';

interface DriveChild {
  id: string;
  name: string;
  size?: number;
  webUrl?: string;
  /** Present on files only (folders have `folder`). */
  file?: object;
}

// Graph's page size for children is 200; ten pages (2,000 entries) is far past what an agent puts
// in one comment, and stops a runaway paging loop.
const PAGE = 200;
const MAX_PAGES = 10;

/** The files (not subfolders) of the folder at `folderPath`; none when it does not exist. */
export async function listFiles(graph: Graph, folderPath: string): Promise<LibraryFile[]> {
  const files: LibraryFile[] = [];
  let next: string | undefined = `${folderPath}:/children`;
  let query: Record<string, string> | undefined = {
    $select: 'id,name,size,webUrl,file',
    $top: String(PAGE),
  };
  for (let page = 0; next && page < MAX_PAGES; page++) {
    let body: { value?: DriveChild[]; '@odata.nextLink'?: string };
    try {
      body = await graph.get(next, { op: 'list folder files', ...(query ? { query } : {}) });
    } catch (err) {
      if (isNotFound(err)) return files; // no folder: the agent attached nothing
      throw err;
    }
    for (const child of body.value ?? []) {
      if (!child.file) continue;
      files.push({
        id: child.id,
        name: child.name,
        size: child.size ?? 0,
        ...(child.webUrl ? { webUrl: child.webUrl } : {}),
      });
    }
    next = body['@odata.nextLink'];
    query = undefined; // the next link carries the query
  }
  return files;
}

/** The bytes of file `id` of the drive; a PermanentError past `maxBytes`. */
export async function readFile(
  graph: Graph,
  driveId: string,
  id: string,
  maxBytes: number,
): Promise<Buffer> {
  const path = `/drives/${driveId}/items/${encodeURIComponent(id)}/content`;
  const bytes = await graph.download(path, maxBytes, { op: 'read file' });
  if (bytes === 'too-large') {
    throw new PermanentError('file-too-large', 'read file: the file is larger than allowed');
  }
  return bytes;
}
