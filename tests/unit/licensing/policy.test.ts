import { corsHeaders } from '../../../lib/licensing/cors';
import { RateLimiter } from '../../../lib/licensing/rateLimit';
import { licenceStatus } from '../../../lib/licensing/status';

describe('corsHeaders', () => {
  it('when the origin is a SharePoint Online site, then it is echoed', () => {
    expect(corsHeaders('https://contoso.sharepoint.com')['access-control-allow-origin']).toBe(
      'https://contoso.sharepoint.com',
    );
  });
  it.each([
    'https://contoso.sharepoint.com.evil.example',
    'http://contoso.sharepoint.com',
    'https://evil.example',
    null,
  ])('when the origin is %s, then no allow header is sent', (origin) => {
    expect(corsHeaders(origin)['access-control-allow-origin']).toBeUndefined();
  });
});

describe('licenceStatus', () => {
  const day = new Date('2026-11-22T12:00:00Z');
  it.each([
    [undefined, 'unknown'],
    [{ plan: 'p', expiresAt: '2026-11-22', suspended: false }, 'valid'],
    [{ plan: 'p', expiresAt: '2026-11-21', suspended: false }, 'expired'],
    [{ plan: 'p', expiresAt: '2099-01-01', suspended: true }, 'suspended'],
  ])('when the licence is %j, then the status is %s', (licence, status) => {
    expect(licenceStatus(licence, day)).toBe(status);
  });
});

describe('RateLimiter', () => {
  it('when a key spends its burst, then it is refused with a Retry-After until tokens refill', () => {
    let now = 0;
    const limiter = new RateLimiter({ ratePerSecond: 2, burst: 3 }, 100, () => now);
    expect([1, 2, 3].map(() => limiter.take('a').ok)).toEqual([true, true, true]);
    expect(limiter.take('a')).toEqual({ ok: false, retryAfterSeconds: 1 });
    expect(limiter.take('b').ok).toBe(true);
    now = 600;
    expect(limiter.take('a').ok).toBe(true);
  });
  it('when more keys arrive than it may hold, then the least recently used are forgotten', () => {
    const limiter = new RateLimiter({ ratePerSecond: 1, burst: 1 }, 2, () => 0);
    limiter.take('a');
    limiter.take('b');
    limiter.take('c');
    expect(limiter.take('a').ok).toBe(true);
  });
});
