/**
 * An installation reports the URL of the page it runs on; the service keeps only the site it
 * belongs to, under its SharePoint Online domain. Only https URLs on `<tenant>.sharepoint.com`
 * are accepted: a look-alike such as `contoso.sharepoint.com.evil.example` must not be able to
 * claim or probe a customer's licence.
 */

export type SiteCheck = { ok: true; domain: string; site: string } | { ok: false; error: string };

// A SharePoint Online tenant name: letters and digits, with hyphens for OneDrive-style hosts
// (`contoso-my`); DNS caps a label at 63 characters.
const TENANT_HOST = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.sharepoint\.com$/;
// 2,048 characters: past any real page URL, bounded so a junk argument costs nothing.
const MAX_URL = 2048;

export function checkInstallationSite(input: unknown): SiteCheck {
  if (typeof input !== 'string' || !input.trim()) return { ok: false, error: 'site is required' };
  if (input.length > MAX_URL) return { ok: false, error: 'site is too long' };
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    return { ok: false, error: 'site is not a URL' };
  }
  if (url.protocol !== 'https:') return { ok: false, error: 'site must be an https URL' };
  if (url.username || url.password || url.port)
    return { ok: false, error: 'site must be a plain SharePoint URL' };
  const host = url.hostname.toLowerCase().replace(/\.$/, '');
  if (!TENANT_HOST.test(host))
    return { ok: false, error: 'site must be on a *.sharepoint.com host' };
  const site = siteOf(host, url.pathname);
  if (!site) return { ok: false, error: 'site name is not a SharePoint site name' };
  return { ok: true, domain: host, site };
}

// A site's URL name: SharePoint allows letters, digits and a few marks, far shorter than this.
// Anything else is made up, and would only grow the tenant's record.
const SITE_NAME = /^[\p{L}\p{N}][\p{L}\p{N}._-]{0,127}$/u;

/** The site collection of a page: `/sites/x` or `/teams/x`, else the root site. */
function siteOf(host: string, pathname: string): string | undefined {
  const segments = pathname.split('/').filter(Boolean);
  const [kind, name] = segments;
  if (kind && name && /^(sites|teams)$/i.test(kind)) {
    const decoded = decodeSafe(name);
    if (decoded === undefined || !SITE_NAME.test(decoded)) return undefined;
    return `https://${host}/${kind.toLowerCase()}/${encodeURIComponent(decoded.toLowerCase())}`;
  }
  return `https://${host}`;
}

function decodeSafe(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}
