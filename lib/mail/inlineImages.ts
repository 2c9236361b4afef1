/**
 * Inline images: an HTML body shows its images through `cid:` URLs naming a part's Content-ID
 * (RFC 2392). Agents' browsers cannot resolve those, so once the parts are files in the ticket's
 * folder the references are rewritten to the files' URLs. The rewrite is a second pass of the
 * sanitiser (its img transform sees parsed attributes, and it serialises what it writes), so the
 * allow-list holds for the rewritten body as for the first.
 */
import { type RemoteImages, sanitizeWithImages } from './html';
import { cidKey } from './htmlImages';

export { cidKey };

/** The Content-IDs an HTML body refers to with `cid:` URLs, as keys. */
export function referencedCids(html: string | undefined): Set<string> {
  const found = new Set<string>();
  for (const m of (html ?? '').matchAll(/cid:([^"'\s>)]+)/gi)) found.add(cidKey(m[1] ?? ''));
  return found;
}

/**
 * The sanitised body with each img whose `cid:` Content-ID has a URL in `urlByCid` (keys from
 * cidKey) pointing at that URL; undefined when nothing changed. `remoteImages` is the tenant's
 * choice the body was first sanitised with.
 */
export function rewriteCidImages(
  html: string,
  urlByCid: ReadonlyMap<string, string>,
  remoteImages: RemoteImages = 'block',
): string | undefined {
  const out = sanitizeWithImages(html, { inlineImageUrls: urlByCid, remoteImages });
  return out.rewritten > 0 ? out.html : undefined;
}
