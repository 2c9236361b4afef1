/**
 * The drops that need a clock or a door of their own, run through the pipeline in-process with
 * the app's deps on the test stack (as heldMail.test.ts does): a sender's burst (a limit of 2, so
 * the test sends 5 mails, not 23), spam from a relay, and mail purged after its licence hold.
 * Each leaves one Mail Log item with its original in the library; a burst only its first drop.
 */
import { loadConfig } from '../../lib/config';
import { type Deps, buildDeps } from '../../lib/deps';
import { processMail } from '../../lib/pipeline/processMail';
import type { PipelineDeps } from '../../lib/pipeline/stage';
import type { StageExtra } from '../../lib/storage/staging';
import { mailLogItems } from './mailLogRecoverSupport';
import { originalOf } from './mailLogSupport';
import { type TestTenant, mail, newTenant, readList, settings } from './support';

let deps: Deps;

beforeAll(() => {
  deps = buildDeps(loadConfig({ ...settings(), MAIL_SENDER_BURST_LIMIT: '2' }));
});

afterAll(() => deps.log.close());

/** Stages `raw` for the tenant and runs the pipeline on it once; its outcome. */
async function deliver(
  tenant: TestTenant,
  raw: Buffer,
  extra?: StageExtra,
  pipelineDeps: PipelineDeps = deps,
): Promise<string> {
  const mailbox = tenant.supportAddresses[0] ?? '';
  const message = await deps.staging.stage(tenant.domain, mailbox, raw, extra);
  return (await processMail(message, pipelineDeps, { dequeueCount: 1 })).outcome;
}

async function theOnlyItem(tenant: TestTenant, raw: Buffer) {
  const items = await mailLogItems(tenant);
  expect(items).toHaveLength(1);
  const [item] = items;
  if (!item) throw new Error('no item');
  expect(Buffer.compare(await originalOf(tenant, item), raw)).toBe(0);
  expect(await deps.staging.countStaged(tenant.domain)).toBe(0);
  return item;
}

describe('drops kept in the Mail Log', () => {
  it("when a sender bursts past the limit, then only the window's first dropped mail gets an item", async () => {
    const tenant = await newTenant();
    const to = tenant.supportAddresses[0] ?? '';
    const raws = [0, 1, 2, 3, 4].map((i) =>
      mail({ from: 'Alerts <alerts@monitoring.example>', to, subject: `Disk full ${i}` }),
    );
    const outcomes = [];
    for (const raw of raws) outcomes.push(await deliver(tenant, raw));
    expect(outcomes).toEqual([
      'ticket-created',
      'ticket-created',
      'dropped-sender-burst',
      'dropped-sender-burst',
      'dropped-sender-burst',
    ]);
    const item = await theOnlyItem(tenant, raws[2] as Buffer);
    expect(item.fields).toMatchObject({ Outcome: 'dropped-sender-burst', Reason: 'burst' });
    expect(await readList(tenant, 'Tickets')).toHaveLength(2);
  });

  it('when a relay scored the mail spam, then one item keeps it', async () => {
    const tenant = await newTenant();
    const raw = mail({ to: tenant.supportAddresses[0], subject: 'Cheap pills' });
    const door = { door: { kind: 'sendgrid', spamScore: 9.5 } } as const;
    expect(await deliver(tenant, raw, door)).toBe('dropped-spam');
    const item = await theOnlyItem(tenant, raw);
    expect(item.fields).toMatchObject({ Outcome: 'dropped-spam', Reason: 'spam' });
  });

  it('when a mail was held past the retention period for a lapsed licence, then it is purged into the Mail Log', async () => {
    const tenant = await newTenant({ expiresAt: '2020-01-31' });
    const raw = mail({ to: tenant.supportAddresses[0] });
    const eightDaysOn = () => new Date(Date.now() + 8 * 24 * 3600 * 1000);
    expect(await deliver(tenant, raw, undefined, { ...deps, now: eightDaysOn })).toBe(
      'purged-licence-expired',
    );
    const item = await theOnlyItem(tenant, raw);
    expect(item.fields).toMatchObject({
      Outcome: 'purged-licence-expired',
      Reason: 'held-expired',
    });
  });
});
