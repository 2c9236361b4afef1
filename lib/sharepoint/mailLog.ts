/**
 * The Mail Log's writes (docs/mail-log.md): a mail that did not become a ticket keeps its original
 * in `Ticket Attachments/_mail-log/{yyyy-mm}/{MailKey}-{fingerprint, 16 digits}.eml` and gets one
 * item in the `Mail Log` list. The original goes first: an item never points at a file that is
 * not there.
 *
 * A Message-ID proves nothing (mail/mailKey.ts): another mail may come under the key of one
 * logged already. The fingerprint in the file name keeps its original apart, and when the unique
 * MailKey refuses its item and the item found there keeps another fingerprint's file, it gets an
 * item under a key of its own, `reusedKey` as for tickets (pipeline/claim.ts).
 *
 * Graph requests per logged mail: 2 up to 4 MiB (the simple upload PUT, the item's POST); above,
 * an upload session (create + one PUT per 5 MiB) and the POST. A redelivery writes the same file
 * again (same path, replaced) and SharePoint's unique MailKey refuses a second item: one more
 * request then finds the first. A different mail under a logged key: 2 more (a POST, and a find
 * if that one is refused too).
 */
import { PermanentError } from '../errors';
import { reusedKey } from '../mail/mailKey';
import { cutText, singleLine, titleText } from './columnText';
import { GraphFolderUpload } from './folderUpload';
import { type ListRef, createItem, findOne } from './items';
import { drivePath } from './library';
import { MAIL_LOG_FOLDER, MAX_TEXT } from './schema';

/** What the item says of a mail; no content beyond the subject and the sender's address. */
export interface MailLogRecord {
  mailKey: string;
  /** The mail's fingerprint (mail/mailKey.ts `mailFingerprint`): 64 hex digits. */
  fingerprint: string;
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
  /** Keeps the original, then writes the item (once per mail); the item's id. */
  record(entry: MailLogRecord, original: Buffer): Promise<string>;
}

const HEX64 = /^[0-9a-f]{64}$/;
/** The end of an original's name: the same for every delivery of one mail, not for another. */
const nameEnd = (fingerprint: string): string => `-${fingerprint.slice(0, 16)}.eml`;

/** The original's path inside the library, from the mail's key, fingerprint and month. */
function originalSegments(
  entry: Pick<MailLogRecord, 'mailKey' | 'fingerprint' | 'received'>,
): string[] {
  if (!HEX64.test(entry.mailKey) || !HEX64.test(entry.fingerprint)) {
    throw new PermanentError('invalid-mail-key', 'a mail key is 64 hex digits');
  }
  const month = new Date(entry.received).toISOString().slice(0, 7);
  return [MAIL_LOG_FOLDER, month, `${entry.mailKey}${nameEnd(entry.fingerprint)}`];
}

/**
 * The path inside the library of an original kept at `{site}/Ticket Attachments/_mail-log/
 * {yyyy-mm}/{MailKey}-{fingerprint16}.eml`, as `originalSegments` writes it. Anything else in
 * the column (an agent may edit it) is refused: the service reads only the Mail Log's own folder.
 */
export function keptOriginalSegments(original: string): string[] {
  let path: string;
  try {
    path = decodeURIComponent(original);
  } catch {
    path = original;
  }
  const at = path.lastIndexOf(`/${MAIL_LOG_FOLDER}/`);
  const tail = at < 0 ? [] : path.slice(at + 1).split('/');
  const [folder, month, name] = tail;
  const ok =
    tail.length === 3 &&
    /^\d{4}-\d{2}$/.test(month ?? '') &&
    /^[\w.-]{1,250}\.eml$/.test(name ?? '');
  if (!ok || !folder || !month || !name) {
    throw new PermanentError('invalid-folder', 'the Original column names no kept original');
  }
  return [folder, month, name];
}

/** A webUrl as the server-relative path the Original column keeps. */
const serverRelative = (webUrl: string): string => decodeURIComponent(new URL(webUrl).pathname);

/** An item written (no `original`), or found under a taken MailKey ('' when it has none). */
interface Found {
  id: string;
  original?: string;
}

export class GraphMailLog implements MailLog {
  constructor(
    private readonly list: ListRef,
    /** The attachments library's drive id (resolved once per site by library.ts). */
    private readonly driveId: () => Promise<string>,
  ) {}

  async record(entry: MailLogRecord, original: Buffer): Promise<string> {
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
    const first = await this.createOrFind(fields, entry.mailKey);
    // An item without Original cannot tell whose it is: it counts as this mail's, as before.
    const held = first.original;
    if (!held || held.endsWith(nameEnd(entry.fingerprint))) return first.id;
    // Another mail's item holds the key: this one gets its own, as its ticket would.
    const key = reusedKey(entry.mailKey, entry.fingerprint);
    return (await this.createOrFind({ ...fields, MailKey: key }, key)).id;
  }

  /** Creates the item; when its MailKey is taken, the item found there (and its Original). */
  private createOrFind(fields: Record<string, unknown>, mailKey: string): Promise<Found> {
    return createItem<Found>(
      this.list,
      fields,
      'create mail log item',
      (item) => ({ id: item.id }),
      async () => {
        const found = await findOne(this.list, 'MailKey', mailKey, 'find mail log item', {
          item: 'id',
          fields: 'Original',
        });
        const original = found?.fields?.Original;
        return found && { id: found.id, original: typeof original === 'string' ? original : '' };
      },
    );
  }
}
