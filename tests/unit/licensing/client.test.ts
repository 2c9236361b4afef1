import { clientAddress, clientKey } from '../../../lib/licensing/client';

describe('the rate-limit key of a licence check', () => {
  it('when a caller sends its own X-Forwarded-For, then the key is the address the front end appended', () => {
    expect(clientKey('1.2.3.4, 203.0.113.7:51234')).toBe('203.0.113.7');
    expect(clientKey('random-1, 203.0.113.7')).toBe(clientKey('random-2, 203.0.113.7:40000'));
  });

  it('when the address carries a port, then connections from one client share a key', () => {
    expect(clientKey('[2001:DB8::1]:443')).toBe('2001:db8:0:0::/64');
    expect(clientKey('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(clientKey('198.51.100.2:1')).toBe(clientKey('198.51.100.2:2'));
  });

  it('when there is no forwarded address, then all such calls share one key', () => {
    expect(clientKey(null)).toBe('direct');
    expect(clientKey(' , ')).toBe('direct');
  });

  it('when an IPv6 client changes its address within its /64, then it keeps its key', () => {
    expect(clientKey('2001:db8:1:2:aaaa::1')).toBe(clientKey('2001:db8:1:2:ffff:1:2:3'));
    expect(clientKey('2001:db8:1:2::1')).not.toBe(clientKey('2001:db8:1:3::1'));
  });

  it('when IPv6 clients share a /48, then they share a network key; IPv4 has none', () => {
    expect(clientAddress('2001:db8:1:2::1')).toEqual({
      subscriber: '2001:db8:1:2::/64',
      network: '2001:db8:1::/48',
    });
    expect(clientAddress('2001:db8:1:ffff::1').network).toBe(
      clientAddress('2001:db8:1::9').network,
    );
    expect(clientAddress('2001:db8:2::1').network).not.toBe(clientAddress('2001:db8:1::1').network);
    expect(clientAddress('203.0.113.7')).toEqual({ subscriber: '203.0.113.7' });
  });
});
