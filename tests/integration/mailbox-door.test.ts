/**
 * The mailbox door's domain against the Graph simulator's Exchange, Azurite and the Cosmos
 * server: connect, notification → fetch → staged mail with its source, settle into the Helpdesk
 * folders, the catch-up, the timer's renewal, access refused, and erasure with the tenant.
 */
import {
  MailboxAccessError,
  connectMailbox,
  maintainMailboxes,
  settleSource,
  tenantMailboxes,
} from '../../lib/mailbox';
import { mailboxId } from '../../lib/mailbox/record';
import { eraseTenant, exportTenant } from '../../lib/tenants/data';
import type { MailMessage } from '../../lib/storage/staging';
import { type MailboxWorld, connected, eventually, mail, startMailboxWorld } from './mailboxWorld';

describe('mailbox door (simulated Exchange, real storage)', () => {
  let w: MailboxWorld;

  beforeAll(async () => {
    w = await startMailboxWorld();
  });
  afterAll(async () => {
    await w.close();
  });

  it('when a mailbox is connected, then folders, subscription and record exist, and mail of the last day is caught up', async () => {
    const t = await w.tenant();
    await w.admin('POST', `mailboxes/${encodeURIComponent(t.address)}/deliver`, mail('before'));
    const report = await connectMailbox(w.deps, t.record.domain, t.address.toUpperCase());
    expect(report).toMatchObject({ tenant: t.record.domain, address: t.address, caughtUp: 1 });
    expect(report.subscriptionId).toBeTruthy();
    const record = await w.deps.mailboxes.get(t.record.domain, t.address);
    expect(record).toMatchObject({
      id: mailboxId(t.record.domain, t.address),
      deltaLink: expect.any(String),
    });
    expect(record?.folders?.processed).toBeTruthy();
    expect(await w.pump()).toEqual(['staged']);
    // Connecting again replaces the subscription and finds the folders that are there.
    const again = await connectMailbox(w.deps, t.record.domain, t.address);
    expect(again.replaced).toBe(true);
    expect((await w.deps.mailboxes.get(t.record.domain, t.address))?.folders).toEqual(
      record?.folders,
    );
    expect(await w.pump()).toEqual(['done']);
  });

  it('when mail is delivered, then the notification queues one fetch, the mail is staged once with its source, and settled into Processed', async () => {
    const t = await connected(w);
    const raw = mail('hello');
    const { id } = (await w.admin(
      'POST',
      `mailboxes/${encodeURIComponent(t.address)}/deliver`,
      raw,
    )) as { id: string };
    await eventually(async () => (w.jobs.length ? true : undefined));
    const fetchJob = w.jobs[0];
    expect(fetchJob).toEqual({
      kind: 'fetch',
      tenant: t.record.domain,
      mailbox: t.address,
      messageId: expect.any(String),
    });
    w.jobs.push(fetchJob!);
    expect(await w.pump()).toEqual(['staged', 'done']);
    const event = w.log.events
      .filter((e) => e.event === 'mailbox.fetch' && e.outcome === 'staged')
      .at(-1);
    const blobName = `${t.record.domain}/`;
    expect(await w.staging.countStaged(t.record.domain)).toBe(1);
    const source = {
      kind: 'mailbox' as const,
      mailbox: t.address,
      userId: t.report.userId,
      messageId: fetchJob!.kind === 'fetch' ? fetchJob!.messageId : '',
    };
    const message: MailMessage = {
      v: 1,
      mailId: String(event?.mailId),
      blob: blobName,
      tenant: t.record.domain,
      mailbox: t.address,
      receivedAt: '',
      source,
    };
    await settleSource(message, { kind: 'taken' }, w.deps);
    const after = await w.messages(t.address);
    expect(after).toEqual([expect.objectContaining({ id, folder: 'Helpdesk/Processed' })]);
    expect(JSON.stringify(w.log.events)).not.toContain(t.address);
  });

  it('when a mail is not a ticket or too large, then it is categorised with the reason and moved to Not a ticket', async () => {
    const t = await connected(w);
    const big = Buffer.concat([mail('big'), Buffer.alloc(70 * 1024, 'a')]);
    await w.admin('POST', `mailboxes/${encodeURIComponent(t.address)}/deliver`, big);
    await eventually(async () => (w.jobs.length ? true : undefined));
    expect(await w.pump()).toEqual(['too-large']);
    expect(await w.staging.countStaged(t.record.domain)).toBe(0);
    expect(await w.messages(t.address)).toEqual([
      expect.objectContaining({
        folder: 'Helpdesk/Not a ticket',
        categories: ['Helpdesk: too-large'],
      }),
    ]);
  });

  it('when notifications are all dropped, then the timer renews what expires, recreates what Graph lost, and its catch-up finds the mail', async () => {
    const t = await connected(w);
    await w.admin('PUT', 'notifications', { drop: 1, seed: 1 });
    try {
      await w.admin('POST', `mailboxes/${encodeURIComponent(t.address)}/deliver`, mail('lost'));
      await w.admin('POST', `subscriptions/${t.report.subscriptionId}/expire`, {});
      const report = await maintainMailboxes(w.deps, new Date());
      expect(report.recreated).toBeGreaterThanOrEqual(1);
      const outcomes = await w.pump();
      expect(outcomes.filter((o) => o === 'staged')).toHaveLength(1);
      const record = await w.deps.mailboxes.get(t.record.domain, t.address);
      expect(record?.subscriptionId).not.toBe(t.report.subscriptionId);
      expect(record?.lastSyncAt).toBeTruthy();
    } finally {
      await w.admin('PUT', 'notifications', {});
    }
  });

  it('when a subscription is removed, then the lifecycle event recreates it and catches up', async () => {
    const t = await connected(w);
    await w.admin('POST', `subscriptions/${t.report.subscriptionId}/lifecycle`, {
      event: 'subscriptionRemoved',
    });
    await eventually(async () => (w.jobs.length ? true : undefined));
    expect(w.jobs).toEqual([
      { kind: 'sync', tenant: t.record.domain, mailbox: t.address, reason: 'removed' },
    ]);
    expect(await w.pump()).toEqual(['synced']);
    const record = await w.deps.mailboxes.get(t.record.domain, t.address);
    expect(record?.subscriptionId).not.toBe(t.report.subscriptionId);
  });

  it('when the app may not read the mailbox, then connecting fails with the permission named and no address logged', async () => {
    const t = await w.tenant();
    await w.admin(
      'DELETE',
      `tenants/${t.record.entraTenantId}/mailboxes/${encodeURIComponent(t.address)}/grant`,
    );
    const err = await connectMailbox(w.deps, t.record.domain, t.address).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MailboxAccessError);
    expect((err as Error).message).toMatch(/Mail\.ReadWrite/);
    expect(await w.deps.mailboxes.get(t.record.domain, t.address)).toBeUndefined();
    expect(JSON.stringify(w.log.events)).not.toContain(t.address);
  });

  it('when a tenant is erased, then its mailbox records, fetch claims and Graph subscriptions go; export listed them before', async () => {
    const t = await connected(w);
    await w.admin('POST', `mailboxes/${encodeURIComponent(t.address)}/deliver`, mail('erase'));
    await eventually(async () => (w.jobs.length ? true : undefined));
    expect(await w.pump()).toEqual(['staged']);
    const data = { ...w.data, mailboxes: tenantMailboxes(w.deps) };
    const exported = await exportTenant(t.record.domain, data);
    expect(exported.mailboxes).toEqual([expect.objectContaining({ address: t.address })]);
    const report = await eraseTenant(t.record.domain, data);
    expect(report).toMatchObject({ record: true, mailboxes: 1, mailboxClaims: 1 });
    expect(await w.deps.mailboxes.list(t.record.domain)).toEqual([]);
    const subs = (await w.admin('GET', 'subscriptions')) as { value: Array<{ id: string }> };
    expect(subs.value.map((s) => s.id)).not.toContain(t.report.subscriptionId);
  });

  it('when mail is fetched for a tenant whose erasure has begun, then the job ends without staging, retrying or creating a key', async () => {
    const t = await connected(w);
    // The erasure's first two steps: its mailbox record is still there.
    await w.data.tombstones.lay(t.record.domain, new Date());
    await w.data.keys.destroy(t.record.domain, new Date().toISOString());
    await w.admin('POST', `mailboxes/${encodeURIComponent(t.address)}/deliver`, mail('late'));
    await eventually(async () => (w.jobs.length ? true : undefined));
    expect(await w.pump()).toEqual(['tenant-erased']);
    expect(await w.staging.countStaged(t.record.domain)).toBe(0);
    expect(await w.data.keys.existingKey(t.record.domain)).toBeUndefined();
  });
});
