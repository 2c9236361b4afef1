/**
 * OData query text for Graph. Values end up inside a URL query string, so there are two layers:
 * the OData string literal (a quote is doubled, OData ABNF `SQUOTE-in-string`) and URL encoding,
 * which the Graph wrapper applies to every query value (the SDK does not encode values it is given
 * as a dictionary, and a raw `+`, `&` or `#` in an address would change the query).
 */

/** An OData string literal: `O'Brien` → `'O''Brien'`. */
export function odataString(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/** `fields/{column} eq '{value}'` for a SharePoint list item query; `column` is a schema name. */
export function fieldEquals(column: string, value: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(column)) throw new Error('fieldEquals: not a column name');
  return `fields/${column} eq ${odataString(value)}`;
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment; // a stray '%' is a literal character, not an escape
  }
}

/**
 * A site addressed by path, `GET /sites/{hostname}:/{server-relative-path}` (docs/graph.md "Sites
 * and lists"); the root site of a host is `/sites/{hostname}`. Segments are URL-encoded one by
 * one so a space or `#` in a site name stays part of the path.
 */
export function sitePathFromUrl(siteUrl: string): string {
  let url: URL;
  try {
    url = new URL(siteUrl);
  } catch {
    throw new Error('site URL is not a URL');
  }
  if (url.protocol !== 'https:') throw new Error('site URL must be https');
  const segments = url.pathname
    .split('/')
    .filter((s) => s !== '')
    .map((s) => encodeURIComponent(decodeSegment(s)));
  const host = url.hostname.toLowerCase();
  return segments.length === 0 ? `/sites/${host}` : `/sites/${host}:/${segments.join('/')}`;
}

/**
 * Encodes one query value. Everything that would change the query's meaning (`&`, `+`, `#`, `%`,
 * space, quotes stay legal) is escaped; `$ , / : = @ ( )` stay readable, as Graph's own examples
 * write them (`$expand=fields($select=Title)`).
 */
export function encodeQueryValue(value: string): string {
  return encodeURIComponent(value).replace(/%(24|2C|2F|3A|3D|40)/g, (m) => decodeURIComponent(m));
}
