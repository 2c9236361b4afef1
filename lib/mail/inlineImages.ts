/**
 * Inline images: an HTML body shows its images through `cid:` URLs naming a part's Content-ID
 * (RFC 2392). Agents' browsers cannot resolve those, so once the parts are files in the ticket's
 * folder the references are rewritten to the files' URLs. Only https URLs are written, and only
 * into `src` attributes that held a `cid:` reference, so the sanitiser's allow-list still holds.
 */

/** A Content-ID or cid: URL as a lookup key. RFC 2392 compares exactly; mailers vary in case. */
export function cidKey(value: string): string {
  let v = value.trim().replace(/^cid:/i, '');
  try {
    v = decodeURIComponent(v); // the cid: URL form is percent-encoded (RFC 2392 §2)
  } catch {
    // a stray '%' stays as it is
  }
  return v.replace(/^<|>$/g, '').trim().toLowerCase();
}

/** The Content-IDs an HTML body refers to with `cid:` URLs, as keys. */
export function referencedCids(html: string | undefined): Set<string> {
  const found = new Set<string>();
  for (const m of (html ?? '').matchAll(/cid:([^"'\s>)]+)/gi)) found.add(cidKey(m[1] ?? ''));
  return found;
}

const ENTITIES: Record<string, string> = { amp: '&', quot: '"', apos: "'", lt: '<', gt: '>' };

function decodeAttribute(value: string): string {
  return value.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) => {
    if (e[0] !== '#') return ENTITIES[e.toLowerCase()] ?? m;
    const code = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
    return Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : m;
  });
}

const escapeAttribute = (value: string): string =>
  value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function httpsUrl(value: string): string | undefined {
  try {
    return new URL(value).protocol === 'https:' ? value : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The sanitised body with each `src="cid:…"` whose Content-ID has a URL in `urlByCid` (keys from
 * cidKey) pointing at that URL; undefined when nothing changed.
 */
export function rewriteCidImages(
  html: string,
  urlByCid: ReadonlyMap<string, string>,
): string | undefined {
  let changed = false;
  const out = html.replace(
    /(\ssrc\s*=\s*)(?:"(cid:[^"]*)"|'(cid:[^']*)')/gi,
    (match, before: string, double?: string, single?: string) => {
      const wanted = urlByCid.get(cidKey(decodeAttribute(double ?? single ?? '')));
      const url = wanted && httpsUrl(wanted);
      if (!url) return match;
      changed = true;
      return `${before}"${escapeAttribute(url)}"`;
    },
  );
  return changed ? out : undefined;
}
