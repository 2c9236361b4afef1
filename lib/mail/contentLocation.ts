/**
 * Images an HTML body names by Content-Location (RFC 2557 §4) rather than by `cid:` (Outlook's
 * "image001.png", web pages saved as mail): the body's reference is turned into a `cid:` one, so
 * the files stage points it at the uploaded file as it does for Content-IDs. Left as it was, a
 * relative src is dropped by the sanitiser and an absolute one loads from the sender's server.
 */
import type { AttachmentInfo } from './types';

const SRC = /(\bsrc\s*=\s*)(["']?)([^"'\s>]+)\2/gi;

const unescaped = (value: string): string =>
  value
    .replace(/&amp;/gi, '&')
    .replace(/&#0*38;/g, '&')
    .trim();

/**
 * The body with each src naming an attachment's Content-Location turned into `cid:`; a part
 * without a Content-ID is given one (`location-N@content-location`, N its place in the mail).
 */
export function locationsAsCids(
  html: string | undefined,
  attachments: AttachmentInfo[],
): string | undefined {
  if (!html) return html;
  const byLocation = new Map<string, AttachmentInfo>();
  attachments.forEach((a) => {
    const location = a.location?.trim();
    if (location && !byLocation.has(location)) byLocation.set(location, a);
  });
  if (byLocation.size === 0) return html;
  return html.replace(SRC, (whole, src: string, quote: string, value: string) => {
    const part = byLocation.get(unescaped(value));
    if (!part) return whole;
    part.contentId ??= `location-${attachments.indexOf(part)}@content-location`;
    const cid = part.contentId.replace(/^<|>$/g, '');
    return `${src}${quote || '"'}cid:${encodeURIComponent(cid)}${quote || '"'}`;
  });
}
