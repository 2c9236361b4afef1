import { CONTACT_TTL_MS, ContactCache } from '../../../lib/sharepoint/contactCache';

const ann = { id: '7', email: 'ann@example.com', name: 'Ann' };
const bob = { id: '8', email: 'bob@example.com', name: 'Bob' };

describe('contact cache', () => {
  it('when a contact is younger than five minutes, then it is served; at five minutes, then no longer', () => {
    let now = 1_000;
    const cache = new ContactCache(() => now);
    cache.set(ann);
    now += CONTACT_TTL_MS - 1;
    expect(cache.get('ann@example.com')).toEqual(ann);
    now += 1;
    expect(cache.get('ann@example.com')).toBeUndefined();
  });

  it('when a contact is set again, then its lifetime starts again', () => {
    let now = 0;
    const cache = new ContactCache(() => now);
    cache.set(ann);
    now = CONTACT_TTL_MS - 1;
    cache.set(ann);
    now = CONTACT_TTL_MS + 10;
    expect(cache.get('ann@example.com')).toEqual(ann);
  });

  it('when a write names a cached contact id, then forget drops it and says so', () => {
    const cache = new ContactCache(() => 0);
    cache.set(ann);
    cache.set(bob);
    expect(cache.forget(['99', undefined])).toBe(false);
    expect(cache.forget(['7'])).toBe(true);
    expect(cache.get('ann@example.com')).toBeUndefined();
    expect(cache.get('bob@example.com')).toEqual(bob);
  });

  it('when the cache is full, then the oldest entry goes first', () => {
    const cache = new ContactCache(() => 0, CONTACT_TTL_MS, 1);
    cache.set(ann);
    cache.set(bob);
    expect(cache.get('ann@example.com')).toBeUndefined();
    expect(cache.get('bob@example.com')).toEqual(bob);
  });

  it('when the lifetime or size is not positive, then it refuses to start', () => {
    expect(() => new ContactCache(Date.now, 0)).toThrow(RangeError);
    expect(() => new ContactCache(Date.now, CONTACT_TTL_MS, 0)).toThrow(RangeError);
  });
});
