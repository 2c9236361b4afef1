/**
 * The Mail Log's writes (docs/mail-log.md): a mail that did not become a ticket keeps its original
 * in `Ticket Attachments/_mail-log/{yyyy-mm}/{MailKey}.eml` and gets one item in the `Mail Log`
 * list. The original goes first: an item never points at a file that is not there.
 *
 * Graph requests per logged mail: 2 up to 4 MiB (the simple upload PUT, the item's POST); above,
 * an upload session (create + one PUT per 5 MiB) and the POST. A redelivery writes the same file
 * again (same path, replaced) and SharePoint's unique MailKey refuses a second item: one more
 * request then finds the first.
 */
import { PermanentError } from '../errors';
import { checkMailKey, cutText, singleLine, titleText } from './columnText';
import { GraphFolderUpload } from './folderUpload';
import { type ListRef, createItem, findOne } from './items';
import { drivePath } from './library';
import { MAIL_LOG_FOLDER, MAX_TEXT } from './schema';

/** What the item says of a mail; no content beyond the subject and the sender's address. */
export interface MailLogEntry {
  mailKey: string;
  /** When the door took the mail (ISO 8601); also names the originals' month folder. */
  received: string;
  /** The pipeline's outcome, e.g. `dropped-auto-reply`. */
  outcome: string;
  /** auto-reply, bounce, loop, abuse-report, burst, spam, poisoned/<code>, held-expired. */
  reason: string;
  /** The From address; none when the mail named no author. */
  sender?: string;
  subject: string;
}

/** The Mail Log of one site; absent on a site without the list. */
export interface MailLog {
  /** Keeps the original, then writes the item (once per MailKey); the item's id. */
  record(entry: MailLogEntry, original: Buffer): Promise<string>;
}

/** The original's path inside the library, from the mail's key and the month it came. */
export function originalSegments(entry: Pick<MailLogEntry, 'mailKey' | 'received'>): string[] {
  checkMailKey(entry.mailKey);
  if (!/^[0-9a-f]{64}$/.test(entry.mailKey)) {
    throw new PermanentError('invalid-mail-key', 'a mail key is 64 hex digits');
  }
  const month = new Date(entry.received).toISOString().slice(0, 7);
  return [MAIL_LOG_FOLDER, month, `${entry.mailKey}.eml`];
}

/** A webUrl as the server-relative path the Original column keeps. */
const serverRelative = (webUrl: string): string => decodeURIComponent(new URL(webUrl).pathname);

export class GraphMailLog implements MailLog {
  constructor(
    private readonly list: ListRef,
    /** The attachments library's drive id (resolved once per site by library.ts). */
    private readonly driveId: () => Promise<string>,
  ) {}

  async record(entry: MailLogEntry, original: Buffer): Promise<string> {
    const segments = originalSegments(entry);
    const name = segments.at(-1) as string;
    const upload = new GraphFolderUpload(this.list.graph, async () =>
      drivePath(await this.driveId(), segments),
    );
    await upload.add({ name, size: original.length, content: original });
    const [stored] = (await upload.finish()).stored;
    if (!stored) throw new PermanentError('original-refused', 'mail log: original refused');
    const fields = {
      Title: titleText(singleLine(entry.subject)),
      Received: entry.received,
      Outcome: entry.outcome,
      Reason: cutText(entry.reason, MAX_TEXT),
      ...(entry.sender ? { Sender: cutText(entry.sender, MAX_TEXT) } : {}),
      MailKey: entry.mailKey,
      ...(stored.webUrl ? { Original: cutText(serverRelative(stored.webUrl), MAX_TEXT) } : {}),
    };
    const op = 'create mail log item';
    return createItem(
      this.list,
      fields,
      op,
      (item) => item.id,
      async () => {
        const found = await findOne(this.list, 'MailKey', entry.mailKey, 'find mail log item', {
          item: 'id',
        });
        return found?.id;
      },
    );
  }
}
