/**
 * Refusal notices on the local stack (issue 9): a mail too large for the mailbox door, and a mail
 * held for more than a day because the tenant's licence lapsed, each get one short automatic
 * notice to their sender; an auto-reply gets none, and a second refusal within the sender's
 * hour gets none either.
 *
 * A day of holding is not waited for: the mail is staged with a clock a day and an hour back
 * (its receivedAt, as the door writes it) and put on the real queue, where the host takes it.
 */
import { loadConfig } from '../../lib/config';
import { buildStores } from '../../lib/deps';
import { BlobMailStaging } from '../../lib/storage/blobStaging';
import { registerSimMailbox } from '../../dev/seed';
import { connect, deliver, mailboxWhen } from './mailboxSupport';
import { processed, tenantLog } from './outcomes';
import { headerOf, mailTo } from './outboundMail';
import { setSendGrant, sharedOutboundHost, tenantThatSends } from './outboundSupport';
import { type TestTenant, eventually, mail, newTenant, postMail, settings } from './support';

const MAX_BYTES = 1 << 20;
const host = sharedOutboundHost({ MAIL_MAX_BYTES: String(MAX_BYTES) });

const big = (fields: Parameters<typeof mail>[0]): Buffer =>
  mail({ ...fields, body: `${'x'.repeat(76)}\r\n`.repeat(Math.ceil((MAX_BYTES * 1.2) / 78)) });

/** The tenant's `outbound.notice` events, once there are `count`. */
const noticeEvents = (tenant: TestTenant, count: number) =>
  eventually(async () => {
    const events = (await tenantLog(tenant)).filter((e) => e.event === 'outbound.notice');
    return events.length >= count ? events : undefined;
  }, 90_000);

describe('refusal notices', () => {
  it('when mail too large arrives at the mailbox, then its sender gets one notice, a second one within the hour none, and an auto-reply none', async () => {
    const { tenant, support } = await tenantThatSends();
    await connect(host.url, tenant, support);
    const sender = `anna-${tenant.alias}@example.com`;
    const robot = `away-${tenant.alias}@example.com`;
    const messageId = `<big-${tenant.alias}@example.com>`;
    await deliver(
      support,
      big({ from: `Anna Example <${sender}>`, to: support, subject: 'Scans', messageId }),
    );
    await deliver(
      support,
      big({ from: robot, to: support, headers: ['Auto-Submitted: auto-replied'] }),
    );
    await noticeEvents(tenant, 2);
    await deliver(support, big({ from: sender, to: support, subject: 'More scans' }));
    const events = await noticeEvents(tenant, 3);
    expect(events.map((e) => e.outcome).sort()).toEqual(['auto-reply', 'recently-acked', 'sent']);
    const messages = await mailboxWhen(
      support,
      (all) => all.filter((m) => m.folder === 'Helpdesk/Not a ticket').length === 3,
    );
    expect(messages.filter((m) => m.folder === 'Helpdesk/Not a ticket')).toHaveLength(3);

    const notices = await mailTo(sender);
    expect(notices).toHaveLength(1);
    expect(await mailTo(robot)).toEqual([]);
    const [notice] = notices;
    expect(notice?.from).toBe(support);
    expect(notice?.mail.subject).toBe('Not delivered: Scans');
    expect(notice?.mail.inReplyTo).toBe(messageId);
    expect(headerOf(notice!.mail, 'Auto-Submitted')).toBe('auto-replied');
    expect(notice?.mail.text).toContain('larger than 1 MB');
    expect(JSON.stringify(events)).not.toContain(sender);
  }, 300_000);

  it('when mail is held for more than a day for a lapsed licence, then its sender gets one notice, and a mail held a shorter time none', async () => {
    const tenant = await newTenant({ expiresAt: '2020-01-31' });
    const support = tenant.supportAddresses[0] ?? '';
    await registerSimMailbox(settings().GRAPH_BASE_URL ?? '', tenant.entraTenantId, support);
    await setSendGrant(tenant, true);
    const early = `anna-${tenant.alias}@example.com`;
    const recent = `bob-${tenant.alias}@example.com`;

    const config = loadConfig(settings());
    const dayAgo = () => new Date(Date.now() - 25 * 3600_000);
    const staging = new BlobMailStaging(config.storage, buildStores(config).keys, dayAgo);
    const old = await staging.stage(
      tenant.domain,
      support,
      mail({ from: early, to: support, subject: 'Since yesterday' }),
    );
    const now = await postMail(host.url, mail({ from: recent, to: support }), support);
    expect((await processed(tenant, old.mailId)).outcome).toBe('held-licence-expired');
    expect((await processed(tenant, now.body.id)).outcome).toBe('held-licence-expired');
    const events = await noticeEvents(tenant, 1);
    expect(events).toEqual([
      expect.objectContaining({ kind: 'notice-held', mailId: old.mailId, outcome: 'sent' }),
    ]);

    const notices = await mailTo(early);
    expect(notices).toHaveLength(1);
    expect(notices[0]?.mail.subject).toBe('Delayed: Since yesterday');
    expect(headerOf(notices[0]!.mail, 'Auto-Submitted')).toBe('auto-replied');
    expect(await mailTo(recent)).toEqual([]);
  }, 300_000);
});
