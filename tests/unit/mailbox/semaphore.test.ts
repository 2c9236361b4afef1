import { KeyedSemaphore } from '../../../lib/mailbox/semaphore';

describe('KeyedSemaphore: at most n at a time per mailbox', () => {
  it('when a fifth request waits for a mailbox, then it starts as one ends, and other mailboxes are not held up', async () => {
    const slots = new KeyedSemaphore(4);
    const releases = await Promise.all([1, 2, 3, 4].map(() => slots.acquire('a')));
    let fifth = false;
    const waiting = slots.acquire('a').then((release) => {
      fifth = true;
      return release;
    });
    const other = await slots.acquire('b');
    await new Promise((r) => setImmediate(r));
    expect(fifth).toBe(false);
    expect(slots.active('a')).toBe(4);
    releases[0]?.();
    releases[0]?.(); // a second call of one release frees nothing more
    const release5 = await waiting;
    expect(fifth).toBe(true);
    expect(slots.active('a')).toBe(4);
    for (const r of [...releases.slice(1), release5, other]) r?.();
    expect(slots.active('a')).toBe(0);
    expect(slots.active('b')).toBe(0);
  });
});
