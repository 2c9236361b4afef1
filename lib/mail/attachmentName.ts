/**
 * A file name for every attachment, also the many that arrive without one (inline images, attached
 * mails, delivery reports): an agent needs a name in the ticket folder. The order follows what
 * mail clients and Zammad do: the declared name; Content-Location (RFC 2557); an attached mail's
 * subject; a Content-ID that looks like a file name; a name from the type (with the part's
 * Content-Description as stem when present); the Content-ID's local part; "file". Names are then
 * made unique within the mail, ignoring case as SharePoint does, the way Graph's
 * conflictBehavior=rename does it ("video.mov", "video 1.mov"). Making them safe for SharePoint
 * (reserved characters, length) is the upload's job.
 */
import { fileNameKey, splitName } from '../sharepoint/fileName';
import type { AttachmentInfo } from './parse';

export type NamingFacts = Pick<
  AttachmentInfo,
  'filename' | 'contentType' | 'declaredContentType' | 'contentId' | 'description' | 'location'
> & { embeddedSubject?: string | undefined };

// Stem and extension for unnamed parts of common types, each followed by the types it names.
const NAMES: ReadonlyArray<readonly [string, string, ...string[]]> = [
  ['delivery-status', 'txt', 'message/delivery-status', 'message/global-delivery-status'],
  ['feedback-report', 'txt', 'message/feedback-report'],
  ['disposition-notification', 'txt', 'message/disposition-notification'],
  ['document', 'txt', 'text/plain'],
  ['document', 'html', 'text/html'],
  ['invite', 'ics', 'text/calendar'],
  ['video', 'mov', 'video/quicktime'],
  ['image', 'jpg', 'image/jpeg', 'image/jpg', 'image/pjpeg'],
  ['image', 'png', 'image/png'],
  ['image', 'gif', 'image/gif'],
];
const BY_TYPE: Record<string, [string, string]> = Object.fromEntries(
  NAMES.flatMap(([stem, ext, ...types]) => types.map((type) => [type, [stem, ext]])),
);

/** Trimmed, line breaks and tabs as spaces; inner runs of spaces are the sender's and stay. */
function clean(value: string | undefined): string | undefined {
  const v = value?.replace(/[\r\n\t]+/g, ' ').trim();
  return v ? v : undefined;
}

function fromLocation(location: string | undefined): string | undefined {
  const path = clean(location)?.replace(/[?#].*$/, '');
  return clean(path?.split(/[/\\]/).pop());
}

function cidLocalPart(contentId: string | undefined): string | undefined {
  return clean(/^<?([^@<>]+)@/.exec(contentId ?? '')?.[1]);
}

export function attachmentName(a: NamingFacts): string {
  const named = clean(a.filename) ?? fromLocation(a.location);
  if (named) return named;
  const type = (a.declaredContentType ?? a.contentType).toLowerCase();
  if (type === 'message/rfc822') {
    return `${clean(a.embeddedSubject) ?? clean(a.description) ?? 'Mail'}.eml`;
  }
  const cid = cidLocalPart(a.contentId);
  if (cid && /\.\w{2,6}$/.test(cid)) return cid;
  const byType = BY_TYPE[type];
  if (byType) return `${clean(a.description) ?? byType[0]}.${byType[1]}`;
  return cid ?? 'file';
}

/** Names for all attachments of one mail, unique ignoring case: "video.mov", "video 1.mov". */
export function attachmentNames(attachments: readonly NamingFacts[]): string[] {
  const taken = new Set<string>();
  // The next number to try per wanted name (as compared): the ones below it are taken for good,
  // so 1,000 files of one name (a mail's limit) cost 1,000 tries, not 500,000.
  const next = new Map<string, number>();
  return attachments.map((a) => {
    const wanted = attachmentName(a);
    const [stem, ext] = splitName(wanted);
    const wantedKey = fileNameKey(wanted);
    const numbered = (i: number): string => (i === 0 ? wanted : `${stem} ${i}${ext}`);
    let i = next.get(wantedKey) ?? 0;
    while (taken.has(fileNameKey(numbered(i)))) i++;
    next.set(wantedKey, i + 1);
    taken.add(fileNameKey(numbered(i)));
    return numbered(i);
  });
}
