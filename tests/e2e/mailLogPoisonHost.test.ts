/**
 * A mail failing every delivery, on the host (issue 14): the queue's real deliveries, host.json's
 * maxDequeueCount and all. Each delivery meets the requester's POST failing (a lasting seeded
 * fault on that one list of the tenant's site); the last one writes the Mail Log item
 * `poisoned/<code>` and completes the queue message, so nothing is left in the poison queue.
 * Takes about a minute: the host retries a failed mail after host.json's visibilityTimeout.
 */
import { FAULTS_OFF } from '../../dev/graph-sim/faultConfig';
import { loadConfig } from '../../lib/config';
import { type Deps, buildDeps } from '../../lib/deps';
import { queueClient } from '../../lib/storage/clients';
import { type MailMessage, POISON_QUEUE } from '../../lib/storage/staging';
import { mailLogItems } from './mailLogRecoverSupport';
import { originalOf } from './mailLogSupport';
import { tenantLog } from './outcomes';
import { siteOf } from './outboundSupport';
import { emptyTestQueue, startHost } from '../support/stack';
import { freshTenant } from './setup';
import { eventually, mail, postMail, settings, simAdmin } from './support';

let deps: Deps;

beforeAll(() => {
  deps = buildDeps(loadConfig(settings()));
});

afterAll(async () => {
  await simAdmin('faults', FAULTS_OFF);
  await deps.log.close();
});

const poisonQueue = () => queueClient(loadConfig(settings()).storage, POISON_QUEUE);

async function inPoisonQueue(mailId: string): Promise<boolean> {
  const { peekedMessageItems } = await poisonQueue().peekMessages({ numberOfMessages: 32 });
  return peekedMessageItems.some((m) => {
    const text = Buffer.from(m.messageText, 'base64').toString('utf8');
    // The app poisons `{ message, error }`; the host moves the queue message as it was.
    const parsed = JSON.parse(text) as Partial<MailMessage> & { message?: MailMessage };
    return (parsed.message?.mailId ?? parsed.mailId) === mailId;
  });
}

describe('a mail failing every delivery, on the host', () => {
  it('when its last delivery fails, then it is in the Mail Log as poisoned/<code> and not in the poison queue', async () => {
    const { tenant, support } = await freshTenant();
    const { graph, siteId } = await siteOf(tenant);
    const contacts = await graph.get<{ id: string }>(`/sites/${siteId}/lists/Contacts`, {
      op: 'test: contacts list',
    });
    // Every POST of a contact on this tenant's site fails, on every delivery.
    await simAdmin('faults', {
      every: 1,
      match: { method: 'POST', path: `/sites/${siteId}/lists/${contacts.id}/items` },
      status: 503,
      retryAfterSeconds: 0.01,
    });
    await emptyTestQueue(POISON_QUEUE);
    const host = await startHost();
    const raw = mail({ to: support });
    const res = await postMail(host.url, raw, support);
    expect(res.status).toBe(202);
    const mailId = String(res.body.id);

    const [item] = await eventually(async () => {
      const items = await mailLogItems(tenant);
      return items.length > 0 ? items : undefined;
    }, 180_000);
    // A graceful stop waits for the running invocation and the host's verdict on its message.
    await host.stop();

    const attempts = (await tenantLog(tenant)).filter(
      (e) => e.event === 'mail.processed' && e.mailId === mailId,
    );
    expect(attempts.map((e) => e.attempt)).toEqual([1, 2, 3, 4, 5]);
    const code = String(attempts.at(-1)?.code);
    expect(attempts.every((e) => e.outcome === 'retry' && e.code === code)).toBe(true);
    expect(item?.fields).toMatchObject({ Outcome: 'poisoned', Reason: `poisoned/${code}` });
    expect(Buffer.compare(await originalOf(tenant, item as never), raw)).toBe(0);
    expect(await deps.staging.countStaged(tenant.domain)).toBe(0);
    expect(await inPoisonQueue(mailId)).toBe(false);
  }, 240_000);
});
