/**
 * The key a licence check is rate-limited under per client. Azure's front end appends the address
 * it accepted the connection from to X-Forwarded-For, after whatever the caller sent in that
 * header itself; so only the last entry is the front end's word, and the first is the caller's.
 * A caller choosing its own key would get a fresh bucket per request.
 */
export function clientKey(forwardedFor: string | null | undefined): string {
  const hops = (forwardedFor ?? '')
    .split(',')
    .map((hop) => hop.trim())
    .filter(Boolean);
  const last = hops[hops.length - 1];
  if (!last) return 'direct';
  // "203.0.113.7:51234" and "[2001:db8::1]:443" carry the client's port, which changes per connection.
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(last);
  if (bracketed?.[1]) return bracketed[1].toLowerCase();
  const v4 = /^(\d{1,3}(?:\.\d{1,3}){3})(?::\d+)?$/.exec(last);
  if (v4?.[1]) return v4[1];
  return last.toLowerCase();
}
