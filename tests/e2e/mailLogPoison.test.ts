/**
 * Poisoned mail in the Mail Log (issue 14), run through the pipeline in-process with the app's
 * deps on the test stack: a mail refused for good, and one failing its last delivery, each leave
 * one item with the original, and neither is left in the poison queue: processMail returns, so
 * the host completes the queue message. A delivery before the last still retries.
 */
import { loadConfig } from '../../lib/config';
import { type Deps, buildDeps } from '../../lib/deps';
import { TransientError } from '../../lib/errors';
import { MAX_DELIVERIES, processMail } from '../../lib/pipeline/processMail';
import type { PipelineDeps } from '../../lib/pipeline/stage';
import type { MailMessage } from '../../lib/storage/staging';
import { FAULTS_OFF } from '../../dev/graph-sim/faultConfig';
import { DEFAULT_RETRY_POLICY } from '../../lib/sharepoint/retry';
import { mailLogItems } from './mailLogRecoverSupport';
import { originalOf } from './mailLogSupport';
import { type TestTenant, mail, newTenant, settings, simAdmin } from './support';

let deps: Deps;
// The app's own queue, watched: the codes of the mails it moved to the poison queue.
const poisoned: string[] = [];
let watched: PipelineDeps;

beforeAll(() => {
  deps = buildDeps(loadConfig(settings()));
  const queue = {
    poison: (m: unknown, code: string) => (poisoned.push(code), deps.queue.poison(m, code)),
    hold: (m: MailMessage, delay: number) => deps.queue.hold(m, delay),
  };
  watched = { ...deps, queue };
});

afterAll(async () => {
  await simAdmin('faults', FAULTS_OFF);
  await deps.log.close();
});

async function staged(tenant: TestTenant, raw: Buffer): Promise<MailMessage> {
  return deps.staging.stage(tenant.domain, tenant.supportAddresses[0] ?? '', raw);
}

async function expectLogged(tenant: TestTenant, raw: Buffer, reason: string) {
  const items = await mailLogItems(tenant);
  expect(items.map((i) => i.fields)).toEqual([
    expect.objectContaining({ Outcome: 'poisoned', Reason: reason }),
  ]);
  expect(Buffer.compare(await originalOf(tenant, items[0] as never), raw)).toBe(0);
  expect(await deps.staging.countStaged(tenant.domain)).toBe(0);
  expect(poisoned).toEqual([]);
}

describe('poisoned mail in the Mail Log', () => {
  it('when a mail names no author (refused for good), then it is in the Mail Log, not the poison queue', async () => {
    const tenant = await newTenant();
    const raw = mail({ from: 'undisclosed-recipients:;', to: tenant.supportAddresses[0] });
    const message = await staged(tenant, raw);
    const result = await processMail(message, watched, { dequeueCount: 1 });
    expect(result.failure).toMatchObject({ kind: 'reject', code: 'no-sender' });
    await expectLogged(tenant, raw, 'poisoned/no-sender');
    expect((await mailLogItems(tenant))[0]?.fields.Sender).toBeUndefined();
  });

  it('when a mail fails its last delivery, then it is in the Mail Log and its queue message completes', async () => {
    const tenant = await newTenant();
    const raw = mail({ to: tenant.supportAddresses[0] });
    const message = await staged(tenant, raw);
    // The requester's contact is the mail's first POST: each delivery meets one request failing
    // on every attempt (5 faults), then the Mail Log's own POST goes through.
    const attempts = DEFAULT_RETRY_POLICY.maxRetries + 1;
    await simAdmin('faults', {
      next: 2 * attempts,
      match: { method: 'POST', path: '/sites/' },
      status: 503,
      retryAfterSeconds: 0.01,
    });
    const before = { dequeueCount: MAX_DELIVERIES - 1 };
    await expect(processMail(message, watched, before)).rejects.toThrow(TransientError);
    expect(await mailLogItems(tenant)).toEqual([]);
    expect(await deps.staging.countStaged(tenant.domain)).toBe(1);

    const last = await processMail(message, watched, { dequeueCount: MAX_DELIVERIES });
    expect(last.failure).toMatchObject({ kind: 'retry', stage: 'requester' });
    await expectLogged(tenant, raw, `poisoned/${last.failure?.code}`);
  });
});
