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
  if (bracketed?.[1]) return ipv6Prefix(bracketed[1]);
  const v4 = /^(\d{1,3}(?:\.\d{1,3}){3})(?::\d+)?$/.exec(last);
  if (v4?.[1]) return v4[1];
  return last.includes(':') ? ipv6Prefix(last) : last.toLowerCase();
}

/**
 * An IPv6 client is its /64: one subscriber is handed a whole /64, and keying by the full
 * address would give it 2^64 fresh buckets.
 */
function ipv6Prefix(address: string): string {
  const [head = '', tail] = address.toLowerCase().split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups =
    tail === undefined
      ? left
      : [...left, ...Array(8 - left.length - right.length).fill('0'), ...right];
  if (groups.length !== 8 || !groups.every((g) => /^[0-9a-f]{1,4}$/.test(g)))
    return address.toLowerCase();
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}
