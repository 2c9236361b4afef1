import { CosmosSenderAcks } from '../../lib/outbound/senderAcks';
import { cosmos, keyRing } from './storage/support';

const TENANT = 'contoso.sharepoint.com';
const at = (minute: number): Date => new Date(Date.UTC(2026, 10, 22, 10, minute));

describe('CosmosSenderAcks on the Cosmos server', () => {
  const containers = cosmos();
  const keys = keyRing(containers);
  const acks = new CosmosSenderAcks(() => containers.get('senderAcks'), keys);

  beforeAll(() => acks.ready());

  it('when a sender was acknowledged within the hour, then another mail of theirs gets none', async () => {
    expect(await acks.claim(TENANT, 'a@example.com', 'mail-1', at(0))).toBe(true);
    expect(await acks.claim(TENANT, 'a@example.com', 'mail-2', at(30))).toBe(false);
  });

  it('when the mail that took the window is delivered again, then it gets the same answer', async () => {
    expect(await acks.claim(TENANT, 'b@example.com', 'mail-1', at(0))).toBe(true);
    expect(await acks.claim(TENANT, 'B@Example.com', 'mail-1', at(10))).toBe(true);
  });

  it('when the hour is over, then the next mail takes the window', async () => {
    expect(await acks.claim(TENANT, 'c@example.com', 'mail-1', at(0))).toBe(true);
    expect(await acks.claim(TENANT, 'c@example.com', 'mail-2', at(60))).toBe(true);
    expect(await acks.claim(TENANT, 'c@example.com', 'mail-1', at(61))).toBe(false);
  });

  it('when mails of one sender are claimed at once on several instances, then exactly one wins', async () => {
    const instances = [1, 2, 3, 4, 5].map(
      () => new CosmosSenderAcks(() => containers.get('senderAcks'), keys),
    );
    const answers = await Promise.all(
      instances.map((a, n) => a.claim(TENANT, 'd@example.com', `mail-${n}`, at(5))),
    );
    expect(answers.filter(Boolean)).toHaveLength(1);
  });

  it('when a window is stored, then it holds the sender only as an HMAC, per tenant, with the window as ttl', async () => {
    await acks.claim(TENANT, 'Secret.Person@Example.com', 'mail-1', at(1));
    await acks.claim('fabrikam.sharepoint.com', 'secret.person@example.com', 'mail-1', at(1));
    const container = await containers.get('senderAcks');
    const { resources } = await container.items.readAll<{ id: string; ttl: number }>().fetchAll();
    expect(JSON.stringify(resources)).not.toMatch(/secret\.person|example\.com/i);
    const ids = resources.filter((r) => r.ttl === 3600).map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBeGreaterThanOrEqual(2);
  });
});
