/**
 * What the mailbox door costs and how it holds up, against the Graph simulator's Exchange:
 * Exchange requests per mail on the notification path, duplicated notifications staged once,
 * a burst of fetches kept within the mailbox's 4 concurrent requests, and fetch claims on
 * Azurite (a claim left by a crashed job is taken over only after the function timeout).
 */
import { BlobMailClaims, runMailboxJob, settleSource } from '../../lib/mailbox';
import type { MailMessage } from '../../lib/storage/staging';
import { type MailboxWorld, connected, eventually, startMailboxWorld } from './mailboxWorld';
import { blobContainer } from './storage/support';

describe('mailbox door: requests, duplicates, concurrency, claims', () => {
  let w: MailboxWorld;

  beforeAll(async () => {
    w = await startMailboxWorld();
  });
  afterAll(async () => {
    await w.close();
  });

  /** Exchange requests (token requests and admin calls left out) by route, since the reset. */
  async function exchangeRequests(): Promise<Record<string, number>> {
    const stats = (await w.admin('GET', 'stats')) as { byMethodAndRoute: Record<string, number> };
    return Object.fromEntries(
      Object.entries(stats.byMethodAndRoute).filter(([route]) =>
        /\/(users|subscriptions)/.test(route),
      ),
    );
  }

  it('when a notified mail is fetched and settled, then Exchange sees two requests: $value and move', async () => {
    const t = await connected(w);
    await w.admin('POST', 'stats/reset', {});
    await t.deliver('counted');
    await eventually(async () => (w.jobs.length ? true : undefined));
    const job = w.jobs[0];
    expect(await w.pump()).toEqual(['staged']);
    const messageId = job?.kind === 'fetch' ? job.messageId : '';
    const source = {
      kind: 'mailbox' as const,
      mailbox: t.address,
      userId: t.report.userId,
      messageId,
    };
    const message = {
      v: 1,
      mailId: 'm',
      blob: 'b',
      tenant: t.record.domain,
      mailbox: t.address,
      receivedAt: '',
      source,
    } satisfies MailMessage;
    await settleSource(message, { kind: 'taken' }, w.deps);
    const requests = await exchangeRequests();
    expect(Object.values(requests).reduce((a, b) => a + b, 0)).toBe(2);
    expect(Object.keys(requests).sort()).toEqual([
      expect.stringMatching(/^GET .*\$value$/),
      expect.stringMatching(/^POST .*\/move$/),
    ]);
  });

  it('when every notification comes twice, then each mail is staged once', async () => {
    const t = await connected(w);
    await w.admin('PUT', 'notifications', { duplicate: 1, seed: 7 });
    try {
      for (const s of ['one', 'two', 'three']) await t.deliver(s);
      await eventually(async () => (w.jobs.length >= 6 ? true : undefined));
      const outcomes = await w.pump();
      expect(outcomes.filter((o) => o === 'staged')).toHaveLength(3);
      expect(outcomes.filter((o) => o !== 'staged').every((o) => o === 'done')).toBe(true);
      expect(await w.staging.countStaged(t.record.domain)).toBe(3);
    } finally {
      await w.admin('PUT', 'notifications', {});
    }
  });

  it('when twelve fetches of one mailbox run at once, then no request is refused for concurrency', async () => {
    const t = await connected(w);
    await w.admin('PUT', 'notifications', { drop: 1, seed: 1 });
    await w.admin('PUT', 'mail/latency', { ms: 100 });
    try {
      const ids: string[] = [];
      for (let i = 0; i < 12; i++) ids.push(((await t.deliver(`burst ${i}`)) as { id: string }).id);
      await w.admin('POST', 'stats/reset', {});
      const jobs = ids.map((messageId) => ({
        kind: 'fetch',
        tenant: t.record.domain,
        mailbox: t.address,
        messageId,
      }));
      const outcomes = await Promise.all(jobs.map((job) => runMailboxJob(job, w.deps)));
      expect(outcomes).toEqual(Array(12).fill('staged'));
      // A refused request would have been retried: exactly one request per message means none was.
      expect(Object.values(await exchangeRequests()).reduce((a, b) => a + b, 0)).toBe(12);
    } finally {
      await w.admin('PUT', 'mail/latency', { ms: 0 });
      await w.admin('PUT', 'notifications', {});
    }
  });

  it('when a job died holding a claim, then others stop as busy until the function timeout has passed, then one takes over', async () => {
    const container = await blobContainer();
    // Azurite stamps lastModified with the real time: the fake clock moves on from there.
    let now = new Date();
    const claims = new BlobMailClaims(container, () => now);
    const first = await claims.claim('t', 'u', 'm1');
    expect(typeof first).toBe('object');
    expect(await claims.claim('t', 'u', 'm1')).toBe('busy');
    now = new Date(Date.now() + 6 * 60_000);
    const taken = await claims.claim('t', 'u', 'm1');
    expect(typeof taken).toBe('object');
    now = new Date();
    expect(await claims.claim('t', 'u', 'm1')).toBe('busy');
    if (typeof taken === 'object') await taken.done();
    expect(await claims.claim('t', 'u', 'm1')).toBe('done');
    // An abandoned claim is gone: the next job claims afresh.
    const other = await claims.claim('t', 'u', 'm2');
    if (typeof other === 'object') await other.abandon();
    expect(typeof (await claims.claim('t', 'u', 'm2'))).toBe('object');
  });
});
