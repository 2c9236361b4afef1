/** An in-memory `Ticket Attachments` library for pipeline tests: files by folder path. */
import type {
  AttachmentLibrary,
  BodyRef,
  FolderRef,
  FolderUpload,
  LibraryFile,
  NewFile,
  UploadReport,
} from '../../../lib/sharepoint/library';
import { folderSegments } from '../../../lib/sharepoint/library';

async function bytesOf(content: NewFile['content']): Promise<Buffer> {
  if (Buffer.isBuffer(content)) return Buffer.from(content);
  const chunks: Buffer[] = [];
  for await (const chunk of content) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/**
 * A folder no upload ever touched counts as complete: tests seed tickets and comments as an
 * earlier, finished delivery left them.
 */
export class MemoryLibrary implements AttachmentLibrary {
  /** `12/report.pdf` → bytes. */
  readonly files = new Map<string, Buffer>();
  private readonly touched = new Set<string>();

  /** `items` finds the ticket or comment whose body an inline image rewrite changes. */
  constructor(private readonly items: (ref: BodyRef) => { body: string } | undefined) {}
  /** Set to make the next uploads fail with this error. */
  failWith: Error | undefined;

  async hasOriginal(folder: FolderRef): Promise<boolean> {
    const prefix = folderSegments(folder).join('/');
    return !this.touched.has(prefix) || this.files.has(`${prefix}/original.eml`);
  }

  upload(folder: FolderRef): FolderUpload {
    const prefix = folderSegments(folder).join('/');
    this.touched.add(prefix);
    const report: UploadReport = { stored: [], refused: [] };
    return {
      add: async (file) => {
        const data = await bytesOf(file.content);
        if (this.failWith) throw this.failWith;
        this.files.set(`${prefix}/${file.name}`, data);
        const webUrl = `https://contoso.sharepoint.com/lib/${prefix}/${encodeURIComponent(file.name)}`;
        report.stored.push({ name: file.name, webUrl });
      },
      finish: async () => report,
    };
  }

  /** Files directly in the folder; a file's id is its path. */
  async listFiles(folder: FolderRef): Promise<LibraryFile[]> {
    const prefix = `${folderSegments(folder).join('/')}/`;
    return [...this.files]
      .filter(([path]) => path.startsWith(prefix) && !path.slice(prefix.length).includes('/'))
      .map(([path, data]) => ({ id: path, name: path.slice(prefix.length), size: data.length }));
  }

  async readFile(file: LibraryFile, maxBytes: number): Promise<Buffer> {
    const data = this.files.get(file.id);
    if (!data) throw new Error(`no file ${file.id}`);
    if (data.length > maxBytes) throw new Error(`file ${file.id} is over ${maxBytes} bytes`);
    return data;
  }

  async updateBody(ref: BodyRef, html: string): Promise<void> {
    const item = this.items(ref);
    if (!item) throw new Error(`no ${ref.list} item ${ref.id}`);
    item.body = html;
  }
}
