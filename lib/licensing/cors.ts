/**
 * Installations call the licence endpoint from the browser, inside SharePoint pages. Only
 * `https://<tenant>.sharepoint.com` origins are echoed back; any other origin gets no allow
 * header, so a foreign page cannot read the answers.
 */
const SHAREPOINT_ORIGIN = /^https:\/\/[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.sharepoint\.com$/;

export function corsHeaders(origin: string | null | undefined): Record<string, string> {
  const base = { vary: 'Origin' };
  if (!origin || !SHAREPOINT_ORIGIN.test(origin.toLowerCase())) return base;
  return {
    ...base,
    'access-control-allow-origin': origin,
    'access-control-allow-methods': 'GET, POST, OPTIONS',
    // authorization: an installation proves its tenant with a bearer token (proof.ts).
    'access-control-allow-headers': 'content-type, authorization',
    'access-control-max-age': '600',
  };
}
