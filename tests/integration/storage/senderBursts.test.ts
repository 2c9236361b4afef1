import { CosmosSenderBursts } from '../../../lib/storage/senderBursts';
import { cosmos, keyRing } from './support';

const TENANT = 'contoso.sharepoint.com';
const at = (minute: number): Date => new Date(Date.UTC(2026, 10, 22, 10, minute));
const key = (n: number): string => `${String(n).padStart(16, '0')}${'f'.repeat(48)}`;

describe('CosmosSenderBursts on the Cosmos server', () => {
  const containers = cosmos();
  const keys = keyRing(containers);
  const bursts = new CosmosSenderBursts(() => containers.get('senders'), keys, {
    limit: 3,
    windowSeconds: 600,
  });

  it('when a sender sends more than the limit within the window, then the mail past it is refused', async () => {
    const answers = [];
    for (let n = 1; n <= 4; n++)
      answers.push((await bursts.record(TENANT, 'a@example.com', key(n), at(n))).allowed);
    expect(answers).toEqual([true, true, true, false]);
  });

  it('when mails go past the limit, then only the first past it is marked first, also when delivered again', async () => {
    const firsts = [];
    for (const n of [1, 2, 3, 4, 5, 4, 6])
      firsts.push((await bursts.record(TENANT, 'e@example.com', key(n), at(n))).first ?? false);
    expect(firsts).toEqual([false, false, false, true, false, true, false]);
  });

  it('when mails past the limit arrive at once on several instances, then exactly one is first', async () => {
    for (let n = 1; n <= 3; n++) await bursts.record(TENANT, 'f@example.com', key(n), at(1));
    const instances = [4, 5, 6, 7].map(
      () =>
        new CosmosSenderBursts(() => containers.get('senders'), keys, {
          limit: 3,
          windowSeconds: 600,
        }),
    );
    const answers = await Promise.all(
      instances.map((b, i) => b.record(TENANT, 'f@example.com', key(i + 4), at(2))),
    );
    expect(answers.filter((a) => a.first)).toHaveLength(1);
    expect(answers.filter((a) => a.allowed)).toHaveLength(0);
  });

  it('when the window is over, then the sender may send again', async () => {
    for (let n = 1; n <= 4; n++) await bursts.record(TENANT, 'b@example.com', key(n), at(0));
    expect((await bursts.record(TENANT, 'b@example.com', key(5), at(10))).allowed).toBe(true);
  });

  it('when a counted mail is delivered again, then it is not counted twice and gets the same answer', async () => {
    for (let n = 1; n <= 3; n++) {
      await bursts.record(TENANT, 'c@example.com', key(n), at(1));
      await bursts.record(TENANT, 'c@example.com', key(n), at(1));
    }
    expect((await bursts.record(TENANT, 'c@example.com', key(2), at(2))).allowed).toBe(true);
    expect((await bursts.record(TENANT, 'c@example.com', key(4), at(2))).allowed).toBe(false);
  });

  it('when mails of one sender arrive at once on several instances, then exactly the limit pass', async () => {
    const instances = [1, 2, 3, 4, 5, 6].map(
      () =>
        new CosmosSenderBursts(() => containers.get('senders'), keys, {
          limit: 3,
          windowSeconds: 600,
        }),
    );
    const answers = await Promise.all(
      instances.map((b, n) => b.record(TENANT, 'd@example.com', key(n), at(3))),
    );
    expect(answers.filter((a) => a.allowed)).toHaveLength(3);
  });

  it('when the count is stored, then it holds the sender only as an HMAC, never the address', async () => {
    const { senderId } = await bursts.record(TENANT, 'Secret.Person@Example.com', key(1), at(1));
    const container = await containers.get('senders');
    const { resources } = await container.items.readAll().fetchAll();
    const stored = JSON.stringify(resources);
    expect(stored).not.toMatch(/secret\.person|example\.com/i);
    expect(stored).toContain(senderId);
    // Another tenant's key gives the same address another id.
    const other = await bursts.record(
      'fabrikam.sharepoint.com',
      'secret.person@example.com',
      key(1),
      at(1),
    );
    expect(other.senderId).not.toBe(senderId);
  });
});
