/**
 * Who a licence check comes from, as far as the network tells: the address Azure's front end
 * accepted the connection from. It appends that address to X-Forwarded-For, after whatever the
 * caller sent in that header itself; so only the last entry is the front end's word, and the first
 * is the caller's. A caller choosing its own key would get a fresh bucket per request.
 */
export interface ClientAddress {
  /** One subscriber: an IPv4 address, or an IPv6 /64 (a subscriber is handed a whole /64). */
  subscriber: string;
  /** The IPv6 /48 around that /64: the most one end site is assigned (RIPE-690). None for IPv4. */
  network?: string;
}

export function clientAddress(forwardedFor: string | null | undefined): ClientAddress {
  const hops = (forwardedFor ?? '')
    .split(',')
    .map((hop) => hop.trim())
    .filter(Boolean);
  const last = hops[hops.length - 1];
  if (!last) return { subscriber: 'direct' };
  // "203.0.113.7:51234" and "[2001:db8::1]:443" carry the client's port, which changes per connection.
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(last);
  if (bracketed?.[1]) return ipv6Client(bracketed[1]);
  const v4 = /^(\d{1,3}(?:\.\d{1,3}){3})(?::\d+)?$/.exec(last);
  if (v4?.[1]) return { subscriber: v4[1] };
  return last.includes(':') ? ipv6Client(last) : { subscriber: last.toLowerCase() };
}

/** The per-subscriber key alone. */
export function clientKey(forwardedFor: string | null | undefined): string {
  return clientAddress(forwardedFor).subscriber;
}

/**
 * An IPv6 client is its /64, and its network the /48 around it: keying by the full address would
 * give one subscriber 2^64 fresh buckets, keying by the /64 alone gives a /48 holder 65,536.
 */
function ipv6Client(address: string): ClientAddress {
  const [head = '', tail] = address.toLowerCase().split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups =
    tail === undefined
      ? left
      : [...left, ...Array(8 - left.length - right.length).fill('0'), ...right];
  if (groups.length !== 8 || !groups.every((g) => /^[0-9a-f]{1,4}$/.test(g)))
    return { subscriber: address.toLowerCase() };
  const short = groups.map((g) => g.replace(/^0+(?=.)/, ''));
  return {
    subscriber: `${short.slice(0, 4).join(':')}::/64`,
    network: `${short.slice(0, 3).join(':')}::/48`,
  };
}
