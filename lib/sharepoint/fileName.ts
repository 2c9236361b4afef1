/**
 * File names as SharePoint accepts them and agents can trust them. A mail's names are chosen by
 * its sender: path separators would climb out of the ticket folder, control and zero-width or
 * bidirectional characters disguise a name ("invoice\u202Efdp.exe" shows as "invoiceexe.pdf"),
 * and SharePoint refuses `" * : < > ? / \ |`, names ending in a dot or space, names starting with
 * `~$` (Office's lock files), `_vti_` anywhere and a few reserved names (.lock, CON, PRN, AUX, NUL,
 * COM0-9, LPT0-9, desktop.ini): Microsoft's "Restrictions and limitations in OneDrive and
 * SharePoint". Within a folder names must differ ignoring case, as SharePoint compares them.
 */
import { cutText } from './columnText';

/** The mail itself, kept beside its attachments; also the marker that a mail's files are done. */
export const ORIGINAL_MAIL = 'original.eml';

// 128 leaves room below SharePoint's 400-character limit on a whole decoded path for the site,
// library and folder segments in front of the name (a single segment may hold up to 255).
export const MAX_NAME = 128;
const MAX_EXTENSION = 16;

// C0 and C1 controls, soft hyphen, zero-width and joiner characters, bidirectional marks,
// embeddings, overrides and isolates, word joiner and invisible operators, BOM; and letters that
// show as nothing: the Hangul fillers (U+115F, U+1160, U+3164, U+FFA0) and the braille blank.
const INVISIBLE =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u115f\u1160\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\u2800\u3164\ufeff\uffa0]/g;
const RESERVED_CHARS = /["*:<>?/\\|]/g;
// Windows device names, refused by SharePoint as a name or a stem ("CON.txt").
const RESERVED_STEM = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])$/i;
const RESERVED_NAMES = new Set(['.lock', 'desktop.ini']);

/** Splits at the last dot: "a.tar.gz" is stem "a.tar", extension ".gz"; ".profile" has no stem. */
export function splitName(name: string): [string, string] {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? [name.slice(0, dot), name.slice(dot)] : [name, ''];
}

/** One name made safe; never empty. */
export function safeFileName(wanted: string): string {
  let name = wanted
    .normalize('NFC')
    .replace(INVISIBLE, '')
    .replace(RESERVED_CHARS, '_')
    .replace(/_vti_/gi, '_vti-')
    .trim()
    .replace(/[.\s]+$/, '');
  if (!name || /^\.+$/.test(name)) name = 'file';
  const [stem] = splitName(name);
  const reserved = RESERVED_STEM.test(stem) || RESERVED_NAMES.has(name.toLowerCase());
  if (reserved || name.startsWith('~$')) name = `_${name}`;
  if (name.length > MAX_NAME) {
    const [longStem, longExt] = splitName(name);
    const keep = longExt.length <= MAX_EXTENSION ? longExt : '';
    // The cut may end on a dot or a space, which SharePoint refuses at the end of a name.
    const cutStem = cutText(longStem, MAX_NAME - keep.length).replace(/[.\s]+$/, '');
    name = `${cutStem || 'file'}${keep}`;
  }
  return name;
}

export interface FolderNaming {
  /**
   * True for a ticket's own folder: comment folders live in it under the comment's id, so an
   * all-digit file name there could take the name a later comment's folder needs.
   */
  ticketFolder: boolean;
}

/**
 * A name as SharePoint compares names: upper-cased character by character, the invariant way
 * (.NET's OrdinalIgnoreCase), so dotless ı and i both match I. A character whose upper case is
 * longer (ß, ﬁ) stays itself: that comparison never changes a name's length.
 */
export function fileNameKey(name: string): string {
  let key = '';
  for (const ch of name.normalize('NFC')) {
    const upper = ch.toUpperCase();
    key += [...upper].length === 1 ? upper : ch;
  }
  return key;
}

export const sameFileName = (a: string, b: string): boolean => fileNameKey(a) === fileNameKey(b);

/**
 * Safe names for all files of one mail in one folder, unique ignoring case, the way Graph's
 * conflictBehavior=rename numbers them ("video.mov", "video 1.mov"). `original.eml` is kept for
 * the mail itself.
 */
export function folderFileNames(wanted: readonly string[], naming: FolderNaming): string[] {
  const taken = new Set<string>([fileNameKey(ORIGINAL_MAIL)]);
  const reserved = (name: string): boolean =>
    taken.has(fileNameKey(name)) || (naming.ticketFolder && /^\d+$/.test(name));
  // The next number to try per safe name (as compared): the ones below it are taken for good,
  // so 1,000 files of one name (a mail's limit) cost 1,000 tries, not 500,000.
  const next = new Map<string, number>();
  return wanted.map((w) => {
    const safe = safeFileName(w);
    const [stem, ext] = splitName(safe);
    const numbered = (i: number): string =>
      i === 0 ? safe : `${cutText(stem, MAX_NAME - ` ${i}${ext}`.length)} ${i}${ext}`;
    let i = next.get(fileNameKey(safe)) ?? 0;
    while (reserved(numbered(i))) i++;
    next.set(fileNameKey(safe), i + 1);
    taken.add(fileNameKey(numbered(i)));
    return numbered(i);
  });
}
